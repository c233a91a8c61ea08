/**
 * Picking steps on the graph for an evaluation item: the 评估 tab starts it
 * and switches to the graph; each click on a step links it to the item or
 * unlinks it (one undoable edit each), the linked steps are outlined, and a
 * banner says what is going on until the planner goes back or stops.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { evalItemLabelOf } from '../../shared/model';
import { placedItemOf } from '../../shared/evaluation';
import { navigate } from '../app/router';
import { commit, useEditor } from '../editor/store';

type PickState = { itemId: string | null; stepIds: ReadonlySet<string> };

const NONE: ReadonlySet<string> = new Set();
export const usePick = create<PickState>(() => ({ itemId: null, stepIds: NONE }));

/** The steps the picked item links, read again from the editor's body. */
function linkedOf(itemId: string | null): ReadonlySet<string> {
  if (itemId === null) return NONE;
  const placed = placedItemOf(useEditor.getState().body.evaluation, itemId);
  return placed ? new Set(placed.item.stepIds) : NONE;
}

// Undo, redo and edits from the 评估 tab change the links while picking: follow them.
useEditor.subscribe((state, previous) => {
  const { itemId } = usePick.getState();
  if (itemId !== null && state.body.evaluation !== previous.body.evaluation) usePick.setState({ stepIds: linkedOf(itemId) });
  if (itemId !== null && state.scenarioId !== previous.scenarioId) usePick.setState({ itemId: null, stepIds: NONE });
});

/** Starts picking steps for an item and shows the graph. */
export function startPick(scenarioId: string, itemId: string) {
  usePick.setState({ itemId, stepIds: linkedOf(itemId) });
  navigate({ screen: 'scenario', scenarioId, view: 'editor' });
}

/** Stops picking; `back` returns to the 评估 tab. */
export function stopPick(back: boolean) {
  usePick.setState({ itemId: null, stepIds: NONE });
  const scenarioId = useEditor.getState().scenarioId;
  if (back && scenarioId) navigate({ screen: 'scenario', scenarioId, view: 'evaluation' });
}

/** A click on a step while picking: links or unlinks it. False when not picking (the click is the canvas's). */
export function pickStep(stepId: string): boolean {
  const { itemId } = usePick.getState();
  if (itemId === null) return false;
  const placed = placedItemOf(useEditor.getState().body.evaluation, itemId);
  if (!placed) {
    stopPick(false);
    return false;
  }
  const linked = placed.item.stepIds.includes(stepId);
  commit([{ op: 'updateEvalItem', id: itemId, patch: { stepIds: linked ? placed.item.stepIds.filter((id) => id !== stepId) : [...placed.item.stepIds, stepId] } }]);
  return true;
}

/** Whether a step is linked to the item being picked for (nodes outline it). */
export const usePickedStep = (stepId: string) => usePick((state) => state.stepIds.has(stepId));

/** The banner over the graph while picking; Escape stops. */
export function PickBanner() {
  const { t } = useTranslation();
  const itemId = usePick((state) => state.itemId);
  const count = usePick((state) => state.stepIds.size);
  const label = useEditor((state) => {
    if (itemId === null) return '';
    const placed = placedItemOf(state.body.evaluation, itemId);
    return placed ? `${placed.number} ${evalItemLabelOf(placed.item)}` : '';
  });
  useEffect(() => {
    if (itemId === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') stopPick(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [itemId]);
  if (itemId === null) return null;
  return (
    <div className="banner pick-banner" role="status" data-testid="pick-banner">
      <span>{t('evaluation.author.pick.banner', { item: label, count })}</span>
      <button type="button" className="primary" onClick={() => stopPick(true)} data-testid="pick-done">
        {t('evaluation.author.pick.done')}
      </button>
      <button type="button" onClick={() => stopPick(false)}>
        {t('evaluation.author.pick.cancel')}
      </button>
    </div>
  );
}
