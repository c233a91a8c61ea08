/**
 * Every editor command, as data: a name, a label key, its shortcuts, what it
 * does and when it can. The toolbar, the menu, the keyboard handler and the
 * `?` help overlay all read this one list, so a command's shortcut lives in
 * exactly one place.
 *
 * `perform` returns the edit to make (`{ ops, options }`), which `runCommand`
 * commits through the store (one undo entry), or does its work itself for
 * commands that are not edits (zoom, dialogs, export).
 */
import { downloadBlob } from '../conduct/files';
import { boundsOriginOf, clipboardTextOf, fragmentFromClipboardText, fragmentOf, insertionOpsOf } from '../../shared/clipboard';
import { RANK_SEPARATION } from '../../shared/layout';
import { StepSchema, type FragmentBody, type Position, type StepKind } from '../../shared/model';
import { removalOpsOf, type GraphOp } from '../../shared/ops';
import { api } from '../api';
import { notify, notifyError } from '../components/toasts';
import { i18n } from '../i18n';
import { freeSpotNear, NODE_HEIGHT, NODE_WIDTH, snapped } from './flow';
import { newId } from './ids';
import { shortcutMatches, type Shortcut } from './shortcuts';

export { shortcutLabel, type Shortcut } from './shortcuts';
import { layoutInBackground, WORKER_LAYOUT_FROM } from './layout';
import {
  closeFind,
  commit,
  editBlockedReason,
  findNext,
  fitAll,
  flowInstance,
  flushSaves,
  openDialog,
  openFind,
  redo,
  select,
  setPanel,
  undo,
  useEditor,
  type CommitOptions,
  type EditorState,
} from './store';

export type CommandGroup = 'edit' | 'insert' | 'view' | 'scenario' | 'help';

export type CommandContext = {
  state: EditorState;
  /** Snap new steps to the grid. */
  snap: boolean;
  setSnap: (on: boolean) => void;
  /** The pointer in flow coordinates when it is over the canvas, else null. */
  pointer: Position | null;
  /** The key that triggered the command, if a key did. */
  event?: KeyboardEvent;
  /** Text from a paste event. */
  clipboardText?: string;
};

export type CommandResult = { ops: GraphOp[]; options?: CommitOptions } | null | void | Promise<void>;

export type Command = {
  name: string;
  labelKey: string;
  group: CommandGroup;
  shortcuts: Shortcut[];
  perform: (ctx: CommandContext) => CommandResult;
  enabled?: (state: EditorState) => boolean;
  /** Runs even when the focus is in a text field (find, save). */
  inFields?: boolean;
  /** The browser's copy/cut/paste events trigger it, not the keydown handler. */
  clipboardEvent?: 'copy' | 'cut' | 'paste';
  /** Shown on the toolbar with this icon name. */
  icon?: string;
};

// ---------------------------------------------------------------------------
// Helpers

/** The clipboard of this window: survives navigation between scenarios. */
let copied: FragmentBody | null = null;
export const copiedFragment = () => copied;

const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

/** The centre of the visible canvas, in flow coordinates. */
export function viewCentre(): Position {
  const flow = flowInstance();
  const element = document.querySelector('.editor-canvas .react-flow');
  if (!flow || !element) return { x: 0, y: 0 };
  const rect = element.getBoundingClientRect();
  return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
}

/** Horizontal room between a step and the one that follows it: enough for an edge label such as "水位超警戒 +10 分钟". */
const LINK_GAP = 140;
/** Auto-layout slots: wider than a card by the extra link gap, taller than a card with two rows of roles. */
const LAYOUT_SLOT = { nodeWidth: NODE_WIDTH + LINK_GAP - RANK_SEPARATION, nodeHeight: 120 };

/** The title a new step of a kind gets, in the UI language. */
const newTitleOf = (kind: StepKind) => t(`editor.newStep.${kind}`);

/**
 * Adds a step of a kind. With one step selected (and no explicit place), the
 * new step follows it: placed to its right and connected from it. The new
 * step is selected and its title field takes the focus.
 */
export function addStepEdit(ctx: CommandContext, kind: StepKind, at?: Position): { ops: GraphOp[]; options: CommitOptions } {
  const { state } = ctx;
  const after = at === undefined && state.selection.stepIds.length === 1 ? state.stepById.get(state.selection.stepIds[0]) : undefined;
  const wanted = at ?? (after ? { x: after.position.x + NODE_WIDTH + LINK_GAP, y: after.position.y } : (() => {
    const centre = viewCentre();
    return { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 };
  })());
  const position = snapped(at ? wanted : freeSpotNear(state.body.steps, wanted), ctx.snap);
  const step = StepSchema.parse({
    id: newId('s'),
    kind,
    title: newTitleOf(kind),
    durationMin: kind === 'milestone' ? 0 : null,
    position,
  });
  const ops: GraphOp[] = [{ op: 'addStep', step }];
  if (after)
    ops.push({
      op: 'addEdge',
      edge: { id: newId('e'), source: after.id, target: step.id, kind: after.kind === 'decision' ? 'conditional' : 'sequence', label: '', lagMin: 0 },
    });
  useEditor.setState({ panel: 'inspector' });
  return { ops, options: { select: { stepIds: [step.id], edgeIds: [] }, focus: { field: 'title', id: step.id }, reveal: step.id } };
}

/** The edit that connects two steps, or null when they already are (or are the same step). */
export function connectEdit(state: EditorState, source: string, target: string): { ops: GraphOp[]; options: CommitOptions } | null {
  if (source === target) return null;
  if (state.body.edges.some((edge) => edge.source === source && edge.target === target)) return null;
  const from = state.stepById.get(source);
  if (!from || !state.stepById.has(target)) return null;
  const conditional = from.kind === 'decision';
  const id = newId('e');
  return {
    ops: [{ op: 'addEdge', edge: { id, source, target, kind: conditional ? 'conditional' : 'sequence', label: '', lagMin: 0 } }],
    // A branch out of a decision needs its condition: select it so the inspector asks.
    options: conditional ? { select: { stepIds: [], edgeIds: [id] }, focus: { field: 'edge-label', id } } : {},
  };
}

/** The edit that inserts a fragment: at the pointer when it is over the canvas, else in the middle of the view. */
export function insertFragmentEdit(ctx: CommandContext, fragment: FragmentBody, offset?: Position): { ops: GraphOp[]; options: CommitOptions } {
  const width = Math.max(...fragment.steps.map((s) => s.position.x)) - boundsOriginOf(fragment.steps).x + NODE_WIDTH;
  const height = Math.max(...fragment.steps.map((s) => s.position.y)) - boundsOriginOf(fragment.steps).y + NODE_HEIGHT;
  const centre = viewCentre();
  const at = offset
    ? undefined
    : snapped(ctx.pointer ?? { x: centre.x - width / 2, y: centre.y - height / 2 }, ctx.snap);
  const insertion = insertionOpsOf(ctx.state.body, fragment, { newId: () => newId('p'), at, offset });
  if (insertion.addedRoleIds.length > 0) notify(t('editor.rolesAdded', { count: insertion.addedRoleIds.length }));
  return { ops: insertion.ops, options: { select: { stepIds: insertion.stepIds, edgeIds: insertion.edgeIds } } };
}

const hasSelection = (state: EditorState) => state.selection.stepIds.length > 0 || state.selection.edgeIds.length > 0;
const hasSteps = (state: EditorState) => state.selection.stepIds.length > 0;

function copySelection(state: EditorState): string | null {
  const fragment = fragmentOf(state.body, state.selection.stepIds);
  if (!fragment) return null;
  copied = fragment;
  useEditor.setState({ clipboardStamp: useEditor.getState().clipboardStamp + 1 });
  return clipboardTextOf(fragment);
}

/** Puts text on the system clipboard when the browser allows it; the window's own clipboard has it anyway. */
function writeSystemClipboard(text: string) {
  void navigator.clipboard?.writeText(text).catch(() => undefined);
}

const download = (fileName: string, text: string) => downloadBlob(fileName, new Blob([text], { type: 'application/json' }));

/** Sends what waits, then downloads the scenario file as the back end writes it. */
export async function exportScenario(state: EditorState) {
  if (!state.scenarioId) return;
  try {
    await flushSaves();
    const file = await api.exportScenario({ id: state.scenarioId });
    download(file.fileName, file.text);
    notify(t('editor.exported', { name: file.fileName }));
  } catch (error) {
    notifyError(error, t('editor.exportFailed'));
  }
}

const NUDGE: Record<string, Position> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

const addCommand = (kind: StepKind, key: string, icon: string): Command => ({
  name: `add-${kind}`,
  labelKey: `editor.command.add-${kind}`,
  group: 'insert',
  shortcuts: [{ key }],
  icon,
  enabled: (state) => editBlockedReason(state) === null,
  perform: (ctx) => addStepEdit(ctx, kind),
});

// ---------------------------------------------------------------------------
// The registry

export const commands: readonly Command[] = [
  {
    name: 'undo',
    labelKey: 'editor.command.undo',
    group: 'edit',
    shortcuts: [{ key: 'z', mod: true }],
    icon: 'undo',
    enabled: (state) => state.history.undo.length > 0 && editBlockedReason(state) === null,
    perform: () => void undo(),
  },
  {
    name: 'redo',
    labelKey: 'editor.command.redo',
    group: 'edit',
    shortcuts: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    icon: 'redo',
    enabled: (state) => state.history.redo.length > 0 && editBlockedReason(state) === null,
    perform: () => void redo(),
  },
  {
    name: 'delete',
    labelKey: 'editor.command.delete',
    group: 'edit',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    icon: 'trash',
    enabled: hasSelection,
    perform: ({ state }) => ({ ops: removalOpsOf(state.body, state.selection.stepIds, state.selection.edgeIds) }),
  },
  {
    name: 'duplicate',
    labelKey: 'editor.command.duplicate',
    group: 'edit',
    shortcuts: [{ key: 'd', mod: true }],
    icon: 'duplicate',
    enabled: hasSteps,
    perform: (ctx) => {
      const fragment = fragmentOf(ctx.state.body, ctx.state.selection.stepIds);
      return fragment ? insertFragmentEdit(ctx, fragment, { x: 40, y: 40 }) : null;
    },
  },
  {
    name: 'copy',
    labelKey: 'editor.command.copy',
    group: 'edit',
    shortcuts: [{ key: 'c', mod: true }],
    clipboardEvent: 'copy',
    icon: 'copy',
    enabled: hasSteps,
    perform: ({ state }) => {
      const text = copySelection(state);
      if (text) writeSystemClipboard(text);
    },
  },
  {
    name: 'cut',
    labelKey: 'editor.command.cut',
    group: 'edit',
    shortcuts: [{ key: 'x', mod: true }],
    clipboardEvent: 'cut',
    enabled: hasSteps,
    perform: ({ state }) => {
      const text = copySelection(state);
      if (!text) return null;
      writeSystemClipboard(text);
      return { ops: removalOpsOf(state.body, state.selection.stepIds) };
    },
  },
  {
    name: 'paste',
    labelKey: 'editor.command.paste',
    group: 'edit',
    shortcuts: [{ key: 'v', mod: true }],
    clipboardEvent: 'paste',
    icon: 'paste',
    enabled: (state) => copied !== null && editBlockedReason(state) === null,
    perform: (ctx) => {
      const fragment = (ctx.clipboardText ? fragmentFromClipboardText(ctx.clipboardText) : null) ?? copied;
      return fragment ? insertFragmentEdit(ctx, fragment) : null;
    },
  },
  {
    name: 'select-all',
    labelKey: 'editor.command.select-all',
    group: 'edit',
    shortcuts: [{ key: 'a', mod: true }],
    perform: ({ state }) => select({ stepIds: state.body.steps.map((s) => s.id), edgeIds: state.body.edges.map((e) => e.id) }),
  },
  {
    name: 'connect',
    labelKey: 'editor.command.connect',
    group: 'edit',
    shortcuts: [{ key: 'c' }],
    enabled: (state) => state.selection.stepIds.length === 2,
    perform: ({ state }) => {
      const [a, b] = state.selection.stepIds.map((id) => state.stepById.get(id)!).sort((p, q) => p.position.x - q.position.x || p.position.y - q.position.y);
      return connectEdit(state, a.id, b.id);
    },
  },
  {
    name: 'nudge',
    labelKey: 'editor.command.nudge',
    group: 'edit',
    shortcuts: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].flatMap((key) => [{ key }, { key, shift: true }]),
    enabled: hasSteps,
    perform: ({ state, event, snap }) => {
      const direction = event ? NUDGE[event.key] : undefined;
      if (!direction) return null;
      const distance = event?.shiftKey ? 100 : snap ? 20 : 5;
      const moves = state.selection.stepIds.map((id) => {
        const { position } = state.stepById.get(id)!;
        return { id, position: { x: position.x + direction.x * distance, y: position.y + direction.y * distance } };
      });
      return { ops: [{ op: 'moveSteps', moves }], options: { mergeKey: `nudge:${state.selection.stepIds.join(',')}` } };
    },
  },
  {
    name: 'escape',
    labelKey: 'editor.command.escape',
    group: 'edit',
    shortcuts: [{ key: 'Escape' }],
    perform: ({ state }) => {
      if (state.find.open) closeFind();
      else select({ stepIds: [], edgeIds: [] });
    },
  },

  addCommand('inject', '1', 'inject'),
  addCommand('action', '2', 'action'),
  addCommand('decision', '3', 'decision'),
  addCommand('milestone', '4', 'milestone'),
  {
    name: 'save-fragment',
    labelKey: 'editor.command.save-fragment',
    group: 'insert',
    shortcuts: [{ key: 's', shift: true }],
    icon: 'fragment',
    enabled: hasSteps,
    perform: () => openDialog('saveFragment'),
  },
  {
    name: 'insert-fragment',
    labelKey: 'editor.command.insert-fragment',
    group: 'insert',
    shortcuts: [{ key: 'f', shift: true }],
    enabled: (state) => editBlockedReason(state) === null,
    perform: () => openDialog('insertFragment'),
  },

  {
    name: 'find',
    labelKey: 'editor.command.find',
    group: 'view',
    shortcuts: [{ key: 'f', mod: true }],
    inFields: true,
    icon: 'search',
    perform: () => openFind(),
  },
  {
    name: 'find-next',
    labelKey: 'editor.command.find-next',
    group: 'view',
    shortcuts: [{ key: 'F3' }],
    inFields: true,
    enabled: (state) => state.find.matches.length > 0,
    perform: () => findNext(1),
  },
  {
    name: 'find-previous',
    labelKey: 'editor.command.find-previous',
    group: 'view',
    shortcuts: [{ key: 'F3', shift: true }],
    inFields: true,
    enabled: (state) => state.find.matches.length > 0,
    perform: () => findNext(-1),
  },
  {
    name: 'auto-layout',
    labelKey: 'editor.command.auto-layout',
    group: 'view',
    shortcuts: [{ key: 'l', shift: true }],
    icon: 'layout',
    enabled: (state) => state.body.steps.length > 1 && editBlockedReason(state) === null,
    perform: ({ state }) => {
      const body = state.body;
      if (body.steps.length >= WORKER_LAYOUT_FROM) notify(t('editor.layingOut', { count: body.steps.length }));
      return layoutInBackground(body, LAYOUT_SLOT).then((positions) => {
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
        if (moves.length === 0 || !commit([{ op: 'moveSteps', moves }])) return;
        setTimeout(() => fitAll(300), 50);
      });
    },
  },
  {
    name: 'fit-view',
    labelKey: 'editor.command.fit-view',
    group: 'view',
    shortcuts: [{ key: '1', shift: true }],
    icon: 'fit',
    perform: () => fitAll(),
  },
  {
    name: 'zoom-in',
    labelKey: 'editor.command.zoom-in',
    group: 'view',
    shortcuts: [{ key: '=' }, { key: '+' }],
    icon: 'zoom-in',
    perform: () => void flowInstance()?.zoomIn({ duration: 150 }),
  },
  {
    name: 'zoom-out',
    labelKey: 'editor.command.zoom-out',
    group: 'view',
    shortcuts: [{ key: '-' }],
    icon: 'zoom-out',
    perform: () => void flowInstance()?.zoomOut({ duration: 150 }),
  },
  {
    name: 'toggle-snap',
    labelKey: 'editor.command.toggle-snap',
    group: 'view',
    shortcuts: [{ key: 'g' }],
    icon: 'grid',
    perform: ({ snap, setSnap }) => setSnap(!snap),
  },
  {
    name: 'show-inspector',
    labelKey: 'editor.command.show-inspector',
    group: 'view',
    shortcuts: [{ key: '1', alt: true }],
    perform: () => setPanel('inspector'),
  },
  {
    name: 'show-roles',
    labelKey: 'editor.command.show-roles',
    group: 'view',
    shortcuts: [{ key: '2', alt: true }],
    perform: () => setPanel('roles'),
  },
  {
    name: 'show-findings',
    labelKey: 'editor.command.show-findings',
    group: 'view',
    shortcuts: [{ key: '3', alt: true }],
    perform: () => setPanel('findings'),
  },

  {
    name: 'edit-meta',
    labelKey: 'editor.command.edit-meta',
    group: 'scenario',
    shortcuts: [{ key: 'Enter', alt: true }],
    icon: 'info',
    enabled: (state) => editBlockedReason(state) === null,
    perform: () => openDialog('meta'),
  },
  {
    name: 'save-now',
    labelKey: 'editor.command.save-now',
    group: 'scenario',
    shortcuts: [{ key: 's', mod: true }],
    inFields: true,
    perform: () =>
      flushSaves().then(() => {
        if (useEditor.getState().save.status === 'saved') notify(t('editor.save.savedNow'));
      }),
  },
  {
    name: 'export',
    labelKey: 'editor.command.export',
    group: 'scenario',
    shortcuts: [{ key: 'e', mod: true }],
    icon: 'download',
    perform: ({ state }) => exportScenario(state),
  },
  {
    name: 'help',
    labelKey: 'editor.command.help',
    group: 'help',
    shortcuts: [{ key: '?' }],
    icon: 'help',
    perform: () => openDialog('help'),
  },
];

export const commandByName = new Map(commands.map((command) => [command.name, command]));

/** Runs a command when it is enabled; an edit it returns is committed as one undo entry. */
export function runCommand(command: Command, ctx: CommandContext): boolean {
  if (command.enabled && !command.enabled(ctx.state)) return false;
  const result = command.perform(ctx);
  if (result instanceof Promise) {
    void result.catch(notifyError);
    return true;
  }
  if (result && 'ops' in result) return commit(result.ops, result.options);
  return true;
}

/** The command a key event triggers, if any. */
export function commandForKey(event: KeyboardEvent, inField: boolean): Command | null {
  for (const command of commands) {
    if (command.clipboardEvent) continue;
    if (inField && !command.inFields) continue;
    if (command.shortcuts.some((shortcut) => shortcutMatches(shortcut, event))) return command;
  }
  return null;
}
