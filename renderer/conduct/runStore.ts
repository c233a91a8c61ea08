/**
 * The run open in the control console: the run, its events as the back end
 * stored them, and the clicks still on their way. Every click is one
 * `recordEvent` call; it shows at once as a pending event, is replaced by
 * the server's answer when it comes, and is taken back (with the error
 * shown) when the call fails, so the screen never keeps what is not stored.
 */
import { errorTextOf } from '../i18n';
import { create } from 'zustand';
import { NewRunEventSchema, type AttachmentInput, type NewRunEvent, type Run, type RunEvent } from '../../shared/model';
import { runEventOf, runStatusAfter } from '../../shared/runState';
import { api } from '../api';
import { notifyError } from '../components/toasts';

type RunStore = {
  runId: string | null;
  phase: 'loading' | 'ready' | 'failed';
  error: string | null;
  run: Run | null;
  events: RunEvent[];
  /** Clicks sent but not yet answered, shown with negative seq numbers. */
  pending: RunEvent[];
  /** The names of the run's seats (联网导调), by id: the log says which seat recorded an event. */
  seatNames: Record<string, string>;
};

export const useRun = create<RunStore>(() => ({ runId: null, phase: 'loading', error: null, run: null, events: [], pending: [], seatNames: {} }));
const set = useRun.setState;
const get = useRun.getState;

let nextTemp = -1;

/** Loads a run and its events; a later call for another run wins. */
export async function openRun(runId: string) {
  set({ runId, phase: 'loading', error: null, run: null, events: [], pending: [], seatNames: {} });
  try {
    const { run, events } = await api.getRun({ id: runId });
    if (get().runId === runId) set({ phase: 'ready', run, events });
    void loadSeatNames(runId);
  } catch (error) {
    if (get().runId === runId) set({ phase: 'failed', error: errorTextOf(error).text });
  }
}

/** The names of the run's seats; none when seats are not served here. */
export async function loadSeatNames(runId: string) {
  try {
    const seats = await api.listSeats({ runId });
    if (get().runId === runId) set({ seatNames: Object.fromEntries(seats.map((seat) => [seat.id, seat.name])) });
  } catch {
    // Seats are optional: the log then names no seat.
  }
}

/**
 * An event committed elsewhere (a seat, another window), pushed live: added
 * once (it may be this window's own click, already answered); a correction
 * reads the log again so its original shows as replaced.
 */
export function receiveEvent(event: RunEvent) {
  const current = get();
  if (current.runId !== event.runId || !current.run || current.events.some((e) => e.seq === event.seq)) return;
  if (event.corrects !== null) {
    void reloadRun();
    return;
  }
  // A device's own queued entry, now stored: its pending copy goes.
  const pending = event.clientId === null ? current.pending : current.pending.filter((e) => e.clientId !== event.clientId);
  set({ events: [...current.events, event], pending, run: runStatusAfter(current.run, event) });
  if (event.seatId !== null && !(event.seatId in current.seatNames)) void loadSeatNames(event.runId);
}

/** Shows an entry queued on this device (a seat's offline queue) as pending. */
export function showPending(event: RunEvent) {
  if (get().pending.some((e) => e.clientId !== null && e.clientId === event.clientId)) return;
  set({ pending: [...get().pending, event] });
}

/** A queued entry answered: its pending copy goes, the stored event (if any, and not already pushed live) comes in. */
export function settlePending(clientId: string, stored: RunEvent | null) {
  const current = get();
  const events = stored && !current.events.some((e) => e.seq === stored.seq) ? [...current.events, stored] : current.events;
  set({ pending: current.pending.filter((e) => e.clientId !== clientId), events, run: stored && current.run ? runStatusAfter(current.run, stored) : current.run });
}

/** Reads the run again from the back end (after a correction, or to pick up another window's clicks). */
export async function reloadRun() {
  const runId = get().runId;
  if (!runId) return;
  try {
    const { run, events } = await api.getRun({ id: runId });
    if (get().runId === runId) set({ run, events });
  } catch (error) {
    notifyError(error);
  }
}


/**
 * Records one event now (an observation or evaluation entry with its photos, written with it). Resolves to the stored event, or null when the
 * back end refused it (the pending event is removed and the error shown).
 */
export async function recordEvent(event: NewRunEvent, attachments: AttachmentInput[] = []): Promise<RunEvent | null> {
  const { run, runId } = get();
  if (!run || !runId) return null;
  const now = new Date().toISOString();
  // The event as the back end will store it (defaults filled); one it will refuse still shows until its answer comes.
  const parsed = NewRunEventSchema.safeParse(event);
  const temp = runEventOf({ ...(parsed.success ? parsed.data : { kind: event.kind }), seq: nextTemp--, runId, at: event.at ?? now, recordedAt: now });
  set({ pending: [...get().pending, temp], run: runStatusAfter(run, temp) });
  try {
    const stored = await api.recordEvent({ runId, event, ...(attachments.length > 0 ? { attachments } : {}) });
    if (get().runId !== runId) return stored;
    const current = get();
    set({
      pending: current.pending.filter((e) => e.seq !== temp.seq),
      // The live stream may have brought it already.
      events: current.events.some((e) => e.seq === stored.seq) ? current.events : [...current.events, stored],
      run: current.run ? runStatusAfter(current.run, stored) : current.run,
    });
    return stored;
  } catch (error) {
    if (get().runId === runId) set({ pending: get().pending.filter((e) => e.seq !== temp.seq), run: runStatusAfter(run, temp) === run ? get().run : run });
    notifyError(error);
    return null;
  }
}

/** Shifts the rest of the plan; one `shiftPlan` call, shown at once like any click. */
export async function shiftPlan(minutes: number, reason: string): Promise<RunEvent | null> {
  const { run, runId } = get();
  if (!run || !runId) return null;
  const now = new Date().toISOString();
  const temp = runEventOf({ seq: nextTemp--, runId, at: now, kind: 'plan-shifted', text: reason, shiftMin: minutes });
  set({ pending: [...get().pending, temp] });
  try {
    const stored = await api.shiftPlan({ runId, minutes, reason });
    if (get().runId === runId)
      set({ pending: get().pending.filter((e) => e.seq !== temp.seq), events: get().events.some((e) => e.seq === stored.seq) ? get().events : [...get().events, stored] });
    return stored;
  } catch (error) {
    if (get().runId === runId) set({ pending: get().pending.filter((e) => e.seq !== temp.seq) });
    notifyError(error);
    return null;
  }
}

/** Resolves a duplicate by voiding record `seq` (the duplicate, or the record it repeats); the log is read back so it shows the void. */
export async function resolveDuplicate(seq: number): Promise<RunEvent | null> {
  const runId = get().runId;
  if (!runId) return null;
  try {
    const stored = await api.resolveDuplicate({ runId, seq });
    await reloadRun();
    return stored;
  } catch (error) {
    notifyError(error);
    return null;
  }
}

/** Corrects an event's time, text or (an evaluation score's) rating; the log is read back so it shows both the original and the correction. */
export async function correctEvent(seq: number, change: { at?: string; text?: string; value?: string }): Promise<RunEvent | null> {
  const runId = get().runId;
  if (!runId) return null;
  try {
    const stored = await api.correctEvent({ runId, seq, ...change });
    await reloadRun();
    return stored;
  } catch (error) {
    notifyError(error);
    return null;
  }
}
