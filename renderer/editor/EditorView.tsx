/**
 * The editor view of a scenario: toolbar, palette, canvas, and the side
 * panel (inspector, roles, findings), with the keyboard wired to the
 * command registry and the dialogs the commands open.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from './Canvas';
import { FindBar } from './FindBar';
import { FindingsPanel } from './FindingsPanel';
import { InsertFragmentDialog, SaveFragmentDialog } from './FragmentDialogs';
import { HelpOverlay } from './HelpOverlay';
import { Icon } from './icons';
import { Inspector } from './Inspector';
import { useCommandKeys } from './keyboard';
import { MetaDialog } from './MetaDialog';
import { Palette } from './Palette';
import { RolesPanel } from './RolesPanel';
import { allSaved, flushSaves, setPanel, useEditor, type Panel } from './store';
import { Toolbar } from './Toolbar';
import './editor.css';

function PanelTabs() {
  const { t } = useTranslation();
  const panel = useEditor((state) => state.panel);
  const roleCount = useEditor((state) => state.body.roles.length);
  const counts = useEditor((state) => {
    let errors = 0;
    let warnings = 0;
    for (const finding of state.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
    return `${errors}/${warnings}`;
  });
  const [errors, warnings] = counts.split('/').map(Number);
  const tab = (name: Panel, label: string, badge?: ReactNode) => (
    <button type="button" role="tab" aria-selected={panel === name} className={panel === name ? 'panel-tab is-active' : 'panel-tab'} onClick={() => setPanel(name)} data-testid={`panel-tab-${name}`}>
      {label}
      {badge}
    </button>
  );
  return (
    <div className="panel-tabs" role="tablist">
      {tab('inspector', t('editor.panel.inspector'))}
      {tab('roles', t('editor.panel.roles'), <span className="ed-badge">{roleCount}</span>)}
      {tab(
        'findings',
        t('editor.panel.findings'),
        errors + warnings > 0 ? (
          <span className={errors > 0 ? 'ed-badge badge-error' : 'ed-badge badge-warning'} data-testid="findings-badge">
            {errors + warnings}
          </span>
        ) : (
          <span className="ed-badge badge-ok">
            <Icon name="check" size={11} />
          </span>
        ),
      )}
    </div>
  );
}

function SidePanel() {
  const panel = useEditor((state) => state.panel);
  return (
    <aside className="side-panel" data-testid="side-panel">
      <PanelTabs />
      <div className="side-panel-body">
        {panel === 'inspector' && <Inspector />}
        {panel === 'roles' && <RolesPanel />}
        {panel === 'findings' && <FindingsPanel />}
      </div>
    </aside>
  );
}

function Dialogs() {
  const dialog = useEditor((state) => state.dialog);
  if (dialog === 'meta') return <MetaDialog />;
  if (dialog === 'help') return <HelpOverlay />;
  if (dialog === 'saveFragment') return <SaveFragmentDialog />;
  if (dialog === 'insertFragment') return <InsertFragmentDialog />;
  return null;
}

/** Asks before leaving the page while an edit is still on its way, and sends it. */
function useUnsavedGuard() {
  useEffect(() => {
    const guard = (event: BeforeUnloadEvent) => {
      if (allSaved()) return;
      void flushSaves();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);
}

export function EditorView() {
  useCommandKeys();
  useUnsavedGuard();
  return (
    <ReactFlowProvider>
      <div className="editor" data-testid="editor">
        <Toolbar />
        <div className="editor-body">
          <Palette />
          <div className="editor-stage">
            <FindBar />
            <Canvas />
          </div>
          <SidePanel />
        </div>
        <Dialogs />
      </div>
    </ReactFlowProvider>
  );
}
