/**
 * The editor toolbar and its menu, both built from the command registry:
 * a button per command with an icon, the menu listing every command with
 * its shortcut, and the save state at the right end.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isCancelKey } from '../components/keys';
import { usePrefs } from '../app/prefs';
import { commandNamed, editorCommands, shortcutLabel, type CommandGroup, type EditorCommand } from './commands';
import { Icon } from './icons';
import { runNamed } from './keyboard';
import { useEditor } from './store';

/** Whether a command can run now; re-renders only when that answer changes. */
function useEnabled(command: EditorCommand) {
  return useEditor((state) => {
    void state.clipboardStamp;
    return command.enabled ? command.enabled(state) : true;
  });
}

const tooltipOf = (command: EditorCommand, label: string) =>
  command.shortcuts.length > 0 ? `${label} (${command.shortcuts.slice(0, 2).map((shortcut) => shortcutLabel(shortcut)).join(' / ')})` : label;

export function ToolButton(props: { name: string; text?: boolean; pressed?: boolean }) {
  const { t } = useTranslation();
  const command = commandNamed(props.name)!;
  const enabled = useEnabled(command);
  const label = t(command.labelKey);
  return (
    <button
      type="button"
      className={props.text ? 'tool-button with-text' : 'tool-button'}
      disabled={!enabled}
      onClick={() => runNamed(props.name)}
      title={tooltipOf(command, label)}
      aria-label={label}
      aria-pressed={props.pressed}
      data-testid={`tool-${props.name}`}
    >
      <Icon name={command.icon ?? 'info'} size={16} />
      {props.text && <span>{label}</span>}
    </button>
  );
}

const GROUPS: CommandGroup[] = ['edit', 'insert', 'view', 'scenario', 'help'];

function MenuItem(props: { command: EditorCommand; onDone: () => void }) {
  const { t } = useTranslation();
  const enabled = useEnabled(props.command);
  return (
    <button
      type="button"
      role="menuitem"
      className="menu-item"
      disabled={!enabled}
      onClick={() => {
        props.onDone();
        runNamed(props.command.name);
      }}
      data-testid={`menu-${props.command.name}`}
    >
      <span>{t(props.command.labelKey)}</span>
      <kbd>{props.command.shortcuts[0] ? shortcutLabel(props.command.shortcuts[0]) : ''}</kbd>
    </button>
  );
}

/** The menu: every command, grouped, with its first shortcut. */
function CommandMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? isCancelKey(event) : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="command-menu" ref={ref}>
      <button type="button" className="tool-button with-text" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="menu-button">
        <Icon name="menu" size={16} />
        <span>{t('editor.toolbar.menu')}</span>
      </button>
      {open && (
        <div className="menu-popover" role="menu" data-testid="menu">
          {GROUPS.map((group) => (
            <div key={group} className="menu-group">
              <div className="menu-group-title">{t(`editor.group.${group}`)}</div>
              {editorCommands.commands
                .filter((command) => command.group === group)
                .map((command) => (
                  <MenuItem key={command.name} command={command} onDone={() => setOpen(false)} />
                ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** Saved / saving / not saved, with the reason when a save failed. */
export function SaveStatus() {
  const { t } = useTranslation();
  const save = useEditor((state) => state.save);
  const [showDetails, setShowDetails] = useState(false);
  const label =
    save.status === 'error'
      ? t('editor.save.error')
      : save.status === 'saving'
        ? t('state.saving')
        : save.status === 'pending'
          ? t('editor.save.pending')
          : t('state.saved');
  return (
    <div className={`save-status save-${save.status}`} data-testid="save-status" data-status={save.status}>
      <button type="button" className="save-status-button" onClick={() => setShowDetails(!showDetails)} disabled={save.status !== 'error'} title={save.error ?? label}>
        <Icon name={save.status === 'error' ? 'error' : save.status === 'saved' ? 'check' : 'cloud'} size={14} />
        <span>{label}</span>
      </button>
      {save.status === 'error' && showDetails && (
        <div className="save-details" role="alert" data-testid="save-error">
          <strong>{t('editor.save.errorTitle')}</strong>
          <p>{save.error}</p>
          {save.details.length > 0 && (
            <ul>
              {save.details.slice(0, 6).map((detail, i) => (
                <li key={i}>{detail}</li>
              ))}
            </ul>
          )}
          <p className="muted">{save.reloading ? t('editor.save.reloading') : t('editor.save.reloaded')}</p>
        </div>
      )}
    </div>
  );
}

export function Toolbar() {
  const { t } = useTranslation();
  const snap = usePrefs((state) => state.prefs.snapToGrid);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar.label')} data-testid="editor-toolbar">
      <div className="tool-group">
        <ToolButton name="undo" />
        <ToolButton name="redo" />
      </div>
      <div className="tool-group">
        <ToolButton name="delete" />
        <ToolButton name="duplicate" />
        <ToolButton name="copy" />
        <ToolButton name="paste" />
      </div>
      <div className="tool-group">
        <ToolButton name="auto-layout" text />
        <ToolButton name="fit-view" />
        <ToolButton name="zoom-out" />
        <ToolButton name="zoom-in" />
        <ToolButton name="toggle-snap" pressed={snap} />
      </div>
      <div className="tool-group">
        <ToolButton name="find" text />
        <ToolButton name="save-fragment" text />
      </div>
      <div className="tool-group">
        <ToolButton name="edit-meta" text />
        <ToolButton name="export" text />
      </div>
      <div className="tool-spacer" />
      <SaveStatus />
      <CommandMenu />
      <ToolButton name="help" />
    </div>
  );
}
