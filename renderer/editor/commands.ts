/**
 * Every editor command, as data: a name, a label key, its shortcuts, when it
 * can run and what it changes. `perform` returns an `EditorOutcome` (an edit,
 * a selection, a panel or dialog to show, a notice, an effect such as undo or
 * zooming) and never shows anything or reads the page itself: `applyOutcome`
 * (outcomes.ts) makes the changes. The toolbar, the menu, the keyboard and
 * the `?` help overlay all read this one registry.
 */
import { boundsOriginOf, fragmentFromClipboardText, fragmentOf, insertionOpsOf } from '../../shared/clipboard';
import type { FragmentBody, Position, StepKind } from '../../shared/model';
import { StepSchema } from '../../shared/model';
import { removalOpsOf, type GraphOp } from '../../shared/ops';
import type { Prefs } from '../../shared/api';
import { registerCommands, type Command } from '../commands/registry';
import { i18n } from '../i18n';
import { freeSpotNear, NODE_HEIGHT, NODE_WIDTH, snapped } from './flow';
import { newId } from './ids';
import { copiedFragment } from './windowClipboard';
import { editBlockedReason, type CommitOptions, type DialogName, type EditorState, type Panel, type Selection } from './store';

export { shortcutLabel, type Shortcut } from '../commands/shortcuts';

export type CommandGroup = 'edit' | 'insert' | 'view' | 'scenario' | 'help';

/** What an editor command sees: the editor state, and what the caller read from the page and the preferences. */
export type EditorContext = {
  state: EditorState;
  /** Snap new steps to the grid. */
  snap: boolean;
  /** The pointer in flow coordinates when it is over the canvas, else null: pastes land there. */
  pointer: Position | null;
  /** The middle of the visible canvas, in flow coordinates: new steps and fragments go there. */
  viewCentre: Position;
  /** This window's clipboard. */
  copied: FragmentBody | null;
  /** The key that ran the command, when a key did (nudge looks at the arrow). */
  key?: { key: string; shiftKey: boolean };
  /** Text from a paste event. */
  clipboardText?: string;
};

/** Work a command asks for that is not a state change: the caller does it. */
export type EditorEffect =
  | 'undo'
  | 'redo'
  | 'fit-view'
  | 'zoom-in'
  | 'zoom-out'
  | 'open-find'
  | 'close-find'
  | 'find-next'
  | 'find-previous'
  | 'save-now'
  | 'export'
  | 'auto-layout';

/** What a command changes. Applied in this order: panel and dialog, clipboard, the edit, the selection, preferences, the notice, the effect. */
export type EditorOutcome = {
  panel?: Panel;
  dialog?: DialogName;
  /** Steps for this window's clipboard (and the system's). */
  copy?: FragmentBody;
  /** An edit, committed as one undo entry. */
  edit?: { ops: GraphOp[]; options?: CommitOptions };
  select?: Selection;
  prefs?: Partial<Prefs>;
  /** A short message for the user: a catalogue key and its parameters. */
  notice?: { key: string; params?: Record<string, unknown> };
  effect?: EditorEffect;
};

export type EditorCommand = Command<EditorContext, EditorOutcome | null> & { group: CommandGroup };

/** Horizontal room between a step and the one that follows it: enough for an edge label such as "水位超警戒 +10 分钟". */
export const LINK_GAP = 140;

/** The title a new step of a kind gets, in the UI language. */
const newTitleOf = (kind: StepKind) => i18n.t(`editor.newStep.${kind}`);

/**
 * Adds a step of a kind. With one step selected (and no explicit place), the
 * new step follows it: placed to its right and connected from it. The new
 * step is selected, shown in the inspector, and its title field takes the focus.
 */
export function addStepEdit(ctx: EditorContext, kind: StepKind, at?: Position): EditorOutcome {
  const { state } = ctx;
  const after = at === undefined && state.selection.stepIds.length === 1 ? state.stepById.get(state.selection.stepIds[0]) : undefined;
  const wanted =
    at ?? (after ? { x: after.position.x + NODE_WIDTH + LINK_GAP, y: after.position.y } : { x: ctx.viewCentre.x - NODE_WIDTH / 2, y: ctx.viewCentre.y - NODE_HEIGHT / 2 });
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
  return { panel: 'inspector', edit: { ops, options: { select: { stepIds: [step.id], edgeIds: [] }, focus: { field: 'title', id: step.id }, reveal: step.id } } };
}

/** The edit that connects two steps, or null when they already are (or are the same step). */
export function connectEdit(state: EditorState, source: string, target: string): EditorOutcome | null {
  if (source === target) return null;
  if (state.body.edges.some((edge) => edge.source === source && edge.target === target)) return null;
  const from = state.stepById.get(source);
  if (!from || !state.stepById.has(target)) return null;
  const conditional = from.kind === 'decision';
  const id = newId('e');
  return {
    edit: {
      ops: [{ op: 'addEdge', edge: { id, source, target, kind: conditional ? 'conditional' : 'sequence', label: '', lagMin: 0 } }],
      // A branch out of a decision needs its condition: select it so the inspector asks.
      options: conditional ? { select: { stepIds: [], edgeIds: [id] }, focus: { field: 'edge-label', id } } : {},
    },
  };
}

/** The edit that inserts a fragment: at the pointer when it is over the canvas, else in the middle of the view; offset from where it was when given. */
export function insertFragmentEdit(ctx: EditorContext, fragment: FragmentBody, offset?: Position): EditorOutcome {
  const origin = boundsOriginOf(fragment.steps);
  const width = Math.max(...fragment.steps.map((s) => s.position.x)) - origin.x + NODE_WIDTH;
  const height = Math.max(...fragment.steps.map((s) => s.position.y)) - origin.y + NODE_HEIGHT;
  const at = offset ? undefined : snapped(ctx.pointer ?? { x: ctx.viewCentre.x - width / 2, y: ctx.viewCentre.y - height / 2 }, ctx.snap);
  const insertion = insertionOpsOf(ctx.state.body, fragment, { newId: () => newId('p'), at, offset });
  return {
    edit: { ops: insertion.ops, options: { select: { stepIds: insertion.stepIds, edgeIds: insertion.edgeIds } } },
    notice: insertion.addedRoleIds.length > 0 ? { key: 'editor.rolesAdded', params: { count: insertion.addedRoleIds.length } } : undefined,
  };
}

const editable = (state: EditorState) => editBlockedReason(state) === null;
const hasSelection = (state: EditorState) => state.selection.stepIds.length > 0 || state.selection.edgeIds.length > 0;
const hasSteps = (state: EditorState) => state.selection.stepIds.length > 0;

const NUDGE: Record<string, Position> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

const addCommand = (kind: StepKind, key: string): EditorCommand => ({
  name: `add-${kind}`,
  labelKey: `editor.command.add-${kind}`,
  group: 'insert',
  shortcuts: [{ key }],
  icon: kind,
  enabled: editable,
  perform: (ctx) => addStepEdit(ctx, kind),
});

/** A command that only asks for an effect. */
const effect = (name: EditorEffect) => (): EditorOutcome => ({ effect: name });

// ---------------------------------------------------------------------------
// The registry

export const editorCommands = registerCommands<EditorCommand>('editor', [
  {
    name: 'undo',
    labelKey: 'editor.command.undo',
    group: 'edit',
    shortcuts: [{ key: 'z', mod: true }],
    icon: 'undo',
    enabled: (state) => state.history.undo.length > 0 && editable(state),
    perform: effect('undo'),
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
    enabled: (state) => state.history.redo.length > 0 && editable(state),
    perform: effect('redo'),
  },
  {
    name: 'delete',
    labelKey: 'editor.command.delete',
    group: 'edit',
    shortcuts: [{ key: 'Delete' }, { key: 'Backspace' }],
    icon: 'trash',
    enabled: hasSelection,
    perform: ({ state }) => ({ edit: { ops: removalOpsOf(state.body, state.selection.stepIds, state.selection.edgeIds) } }),
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
      const fragment = fragmentOf(state.body, state.selection.stepIds);
      return fragment ? { copy: fragment } : null;
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
      const fragment = fragmentOf(state.body, state.selection.stepIds);
      return fragment ? { copy: fragment, edit: { ops: removalOpsOf(state.body, state.selection.stepIds) } } : null;
    },
  },
  {
    name: 'paste',
    labelKey: 'editor.command.paste',
    group: 'edit',
    shortcuts: [{ key: 'v', mod: true }],
    clipboardEvent: 'paste',
    icon: 'paste',
    // A paste event may carry another window's steps and runs without asking; the button and the menu paste this window's.
    enabled: (state) => copiedFragment() !== null && editable(state),
    perform: (ctx) => {
      const fragment = (ctx.clipboardText ? fragmentFromClipboardText(ctx.clipboardText) : null) ?? ctx.copied;
      return fragment ? insertFragmentEdit(ctx, fragment) : null;
    },
  },
  {
    name: 'select-all',
    labelKey: 'editor.command.select-all',
    group: 'edit',
    shortcuts: [{ key: 'a', mod: true }],
    perform: ({ state }) => ({ select: { stepIds: state.body.steps.map((s) => s.id), edgeIds: state.body.edges.map((e) => e.id) } }),
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
    perform: ({ state, key, snap }) => {
      const direction = key ? NUDGE[key.key] : undefined;
      if (!direction) return null;
      const distance = key?.shiftKey ? 100 : snap ? 20 : 5;
      const moves = state.selection.stepIds.map((id) => {
        const { position } = state.stepById.get(id)!;
        return { id, position: { x: position.x + direction.x * distance, y: position.y + direction.y * distance } };
      });
      return { edit: { ops: [{ op: 'moveSteps', moves }], options: { mergeKey: `nudge:${state.selection.stepIds.join(',')}` } } };
    },
  },
  {
    name: 'escape',
    labelKey: 'editor.command.escape',
    group: 'edit',
    shortcuts: [{ key: 'Escape' }],
    perform: ({ state }) => (state.find.open ? { effect: 'close-find' } : { select: { stepIds: [], edgeIds: [] } }),
  },

  addCommand('inject', '1'),
  addCommand('action', '2'),
  addCommand('decision', '3'),
  addCommand('milestone', '4'),
  {
    name: 'save-fragment',
    labelKey: 'editor.command.save-fragment',
    group: 'insert',
    shortcuts: [{ key: 's', shift: true }],
    icon: 'fragment',
    enabled: hasSteps,
    perform: () => ({ dialog: 'saveFragment' }),
  },
  {
    name: 'insert-fragment',
    labelKey: 'editor.command.insert-fragment',
    group: 'insert',
    shortcuts: [{ key: 'f', shift: true }],
    enabled: editable,
    perform: () => ({ dialog: 'insertFragment' }),
  },

  {
    name: 'find',
    labelKey: 'editor.command.find',
    group: 'view',
    shortcuts: [{ key: 'f', mod: true }],
    inFields: true,
    icon: 'search',
    perform: effect('open-find'),
  },
  {
    name: 'find-next',
    labelKey: 'editor.command.find-next',
    group: 'view',
    shortcuts: [{ key: 'F3' }],
    inFields: true,
    enabled: (state) => state.find.matches.length > 0,
    perform: effect('find-next'),
  },
  {
    name: 'find-previous',
    labelKey: 'editor.command.find-previous',
    group: 'view',
    shortcuts: [{ key: 'F3', shift: true }],
    inFields: true,
    enabled: (state) => state.find.matches.length > 0,
    perform: effect('find-previous'),
  },
  {
    name: 'auto-layout',
    labelKey: 'editor.command.auto-layout',
    group: 'view',
    shortcuts: [{ key: 'l', shift: true }],
    icon: 'layout',
    enabled: (state) => state.body.steps.length > 1 && editable(state),
    perform: effect('auto-layout'),
  },
  {
    name: 'fit-view',
    labelKey: 'editor.command.fit-view',
    group: 'view',
    shortcuts: [{ key: '1', shift: true }],
    icon: 'fit',
    perform: effect('fit-view'),
  },
  {
    name: 'zoom-in',
    labelKey: 'editor.command.zoom-in',
    group: 'view',
    shortcuts: [{ key: '=' }, { key: '+' }],
    icon: 'zoom-in',
    perform: effect('zoom-in'),
  },
  {
    name: 'zoom-out',
    labelKey: 'editor.command.zoom-out',
    group: 'view',
    shortcuts: [{ key: '-' }],
    icon: 'zoom-out',
    perform: effect('zoom-out'),
  },
  {
    name: 'toggle-snap',
    labelKey: 'editor.command.toggle-snap',
    group: 'view',
    shortcuts: [{ key: 'g' }],
    icon: 'grid',
    perform: ({ snap }) => ({ prefs: { snapToGrid: !snap } }),
  },
  {
    name: 'show-inspector',
    labelKey: 'editor.command.show-inspector',
    group: 'view',
    shortcuts: [{ key: '1', alt: true }],
    perform: () => ({ panel: 'inspector' }),
  },
  {
    name: 'show-roles',
    labelKey: 'editor.command.show-roles',
    group: 'view',
    shortcuts: [{ key: '2', alt: true }],
    perform: () => ({ panel: 'roles' }),
  },
  {
    name: 'show-findings',
    labelKey: 'editor.command.show-findings',
    group: 'view',
    shortcuts: [{ key: '3', alt: true }],
    perform: () => ({ panel: 'findings' }),
  },

  {
    name: 'edit-meta',
    labelKey: 'editor.command.edit-meta',
    group: 'scenario',
    shortcuts: [{ key: 'Enter', alt: true }],
    icon: 'info',
    enabled: editable,
    perform: () => ({ dialog: 'meta' }),
  },
  {
    name: 'save-now',
    labelKey: 'editor.command.save-now',
    group: 'scenario',
    shortcuts: [{ key: 's', mod: true }],
    inFields: true,
    perform: effect('save-now'),
  },
  {
    name: 'export',
    labelKey: 'editor.command.export',
    group: 'scenario',
    shortcuts: [{ key: 'e', mod: true }],
    icon: 'download',
    perform: effect('export'),
  },
  {
    name: 'help',
    labelKey: 'editor.command.help',
    group: 'help',
    shortcuts: [{ key: '?' }],
    icon: 'help',
    perform: () => ({ dialog: 'help' }),
  },
]);

/** An editor command by name (toolbar buttons, menu entries, the inspector's buttons). */
export const commandNamed = (name: string) => editorCommands.byName.get(name);
