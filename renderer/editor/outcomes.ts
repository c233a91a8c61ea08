/**
 * Making what an editor command returned happen: the edit committed (one undo
 * entry), the selection, panel, dialog and preferences set, the notice shown,
 * and the effects the commands only name (undo, zoom, find, save, export,
 * auto-layout) carried out. Commands stay plain data; this is the one place
 * their side effects live.
 */
import { clipboardTextOf } from '../../shared/clipboard';
import { RANK_SEPARATION } from '../../shared/layout';
import type { FragmentBody } from '../../shared/model';
import { api } from '../api';
import { usePrefs } from '../app/prefs';
import { notify, notifyError } from '../components/toasts';
import { i18n } from '../i18n';
import { LINK_GAP, type EditorEffect, type EditorOutcome } from './commands';
import { NODE_WIDTH } from './flow';
import { layoutInBackground, WORKER_LAYOUT_FROM } from './layout';
import { closeFind, commit, findNext, fitAll, flowInstance, flushSaves, openDialog, openFind, redo, select, setPanel, undo, useEditor } from './store';
import { showDrill } from './view';
import { setCopiedFragment } from './windowClipboard';

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

/** Auto-layout slots: wider than a card by the gap an edge label needs, taller than a card with two rows of roles. */
const LAYOUT_SLOT = { nodeWidth: NODE_WIDTH + LINK_GAP - RANK_SEPARATION, nodeHeight: 120 };

/** Puts steps on this window's clipboard and, when the browser allows it, on the system's. */
function copyToClipboard(fragment: FragmentBody) {
  setCopiedFragment(fragment);
  useEditor.setState({ clipboardStamp: useEditor.getState().clipboardStamp + 1 });
  void navigator.clipboard?.writeText(clipboardTextOf(fragment)).catch(() => undefined);
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Sends what waits, then downloads the scenario file as the back end writes it. */
async function exportScenario() {
  const id = useEditor.getState().scenarioId;
  if (!id) return;
  await flushSaves();
  const file = await api.exportScenario({ id });
  download(file.fileName, file.text);
  notify(t('editor.exported', { name: file.fileName }));
}

async function saveNow() {
  await flushSaves();
  if (useEditor.getState().save.status === 'saved') notify(t('editor.save.savedNow'));
}

/** Lays the drill out left to right as one undoable move, then shows it from its first step at a readable zoom. */
async function autoLayout() {
  const body = useEditor.getState().body;
  if (body.steps.length >= WORKER_LAYOUT_FROM) notify(t('editor.layingOut', { count: body.steps.length }));
  const positions = await layoutInBackground(body, LAYOUT_SLOT);
  const now = useEditor.getState();
  // An edit made while the layout ran would be overwritten: start again instead.
  if (now.body.steps !== body.steps || now.body.edges !== body.edges) {
    notify(t('editor.layoutStale'));
    return;
  }
  // layoutOf gives the slot's top-left; centre the card in its slot.
  const inset = (LAYOUT_SLOT.nodeWidth - NODE_WIDTH) / 2;
  const moves = body.steps
    .map((step) => {
      const slot = positions.get(step.id)!;
      return { id: step.id, position: { x: slot.x + inset, y: slot.y } };
    })
    .filter(({ id, position }) => {
      const before = now.stepById.get(id)!.position;
      return before.x !== position.x || before.y !== position.y;
    });
  if (moves.length > 0 && !commit([{ op: 'moveSteps', moves }])) return;
  requestAnimationFrame(() => showDrill(300));
}

const EFFECTS: Record<EditorEffect, () => void | Promise<void>> = {
  undo: () => void undo(),
  redo: () => void redo(),
  'fit-view': () => fitAll(),
  'zoom-in': () => void flowInstance()?.zoomIn({ duration: 150 }),
  'zoom-out': () => void flowInstance()?.zoomOut({ duration: 150 }),
  'open-find': openFind,
  'close-find': closeFind,
  'find-next': () => findNext(1),
  'find-previous': () => findNext(-1),
  'save-now': saveNow,
  export: () => exportScenario().catch((error) => notifyError(error, t('editor.exportFailed'))),
  'auto-layout': autoLayout,
};

/** Makes what a command returned happen; false when there was nothing to do or the edit was refused. */
export function applyOutcome(outcome: EditorOutcome | null): boolean {
  if (!outcome) return false;
  if (outcome.panel) setPanel(outcome.panel);
  if (outcome.dialog) openDialog(outcome.dialog);
  if (outcome.copy) copyToClipboard(outcome.copy);
  if (outcome.edit && !commit(outcome.edit.ops, outcome.edit.options)) return false;
  if (outcome.select) select(outcome.select);
  if (outcome.prefs) void usePrefs.getState().update(outcome.prefs);
  if (outcome.notice) notify(t(outcome.notice.key, outcome.notice.params));
  if (outcome.effect) {
    const done = EFFECTS[outcome.effect]();
    if (done instanceof Promise) void done.catch(notifyError);
  }
  return true;
}
