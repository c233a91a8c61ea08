/**
 * A seat's entries on their way (the offline queue): each is written to
 * IndexedDB with its original time and a client id before it is sent, sent
 * in order, and removed once the back end answered — stored, or refused for
 * a reason of its own. When the network is gone it stays, shown as unsent,
 * and goes on reconnect (or after a reload of the page); the back end applies
 * a client id once, so an entry whose answer was lost is not doubled.
 *
 * An evaluator's photos queue the same way: each is its own entry after the
 * entry it belongs to (down-scaled on the device first, `seatPhoto.ts`), sent
 * with `attachPhoto` naming that entry's client id, so a photo taken offline
 * goes once its observation has; the back end adds the same photo once. An
 * entry refused takes its queued photos with it.
 */
import { create } from 'zustand';
import { NewRunEventSchema, type AttachmentInput, type NewRunEvent } from '../../shared/model';
import { runEventOf } from '../../shared/runState';
import { api } from '../api';
import { notifyError } from '../components/toasts';
import { settlePending, showPending } from '../conduct/runStore';
import { newClientId } from './clientId';
import { seatPhotoOf } from './seatPhoto';

/** An entry to record (`type` absent in what an older page queued). */
type EventEntry = { type?: 'event'; clientId: string; runId: string; event: NewRunEvent & { at: string; clientId: string }; queuedAt: number };
/** A photo for the entry of client id `eventClientId`, keyed by its own id. */
type PhotoEntry = { type: 'photo'; clientId: string; runId: string; eventClientId: string; photo: AttachmentInput; queuedAt: number };
type Entry = EventEntry | PhotoEntry;

const DB_NAME = 'drilldesk-seat';
const STORE = 'outbox';

/** How many entries are not yet acknowledged, and how many of them are photos. */
export const useOutbox = create<{ unsent: number; photos: number }>(() => ({ unsent: 0, photos: 0 }));

/** Entries the back end refused, by client id (what `recordFromSeat` answers). */
const refused = new Set<string>();

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  // (`work` may make several requests in the one transaction; the last one's result is answered.)
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const entriesOf = async (runId: string) => ((await withStore('readonly', (store) => store.getAll())) as Entry[]).filter((entry) => entry.runId === runId).sort((a, b) => a.queuedAt - b.queuedAt);
const count = async (runId: string) => {
  const entries = await entriesOf(runId);
  useOutbox.setState({ unsent: entries.length, photos: entries.filter((entry) => entry.type === 'photo').length });
};

const pendingOf = (entry: EventEntry) => {
  const parsed = NewRunEventSchema.safeParse(entry.event);
  return runEventOf({ ...(parsed.success ? parsed.data : { kind: entry.event.kind }), seq: -entry.queuedAt, runId: entry.runId, at: entry.event.at, recordedAt: entry.event.at, clientId: entry.clientId });
};

let flushing: Promise<void> | null = null;

/** Sends what is queued for the run, in order; stops at the first entry the network did not carry. */
export function flushOutbox(runId: string): Promise<void> {
  flushing ??= (async () => {
    try {
      const dropped = new Set<string>();
      for (const entry of await entriesOf(runId)) {
        if (dropped.has(entry.clientId)) continue;
        try {
          if (entry.type === 'photo') {
            await api.attachPhoto({ runId, clientId: entry.eventClientId, photo: entry.photo });
            await withStore('readwrite', (store) => store.delete(entry.clientId));
            continue;
          }
          const stored = await api.recordEvent({ runId, event: entry.event });
          await withStore('readwrite', (store) => store.delete(entry.clientId));
          settlePending(entry.clientId, stored);
        } catch (error) {
          if ((error as { key?: string }).key === 'errors.http.unreachable') break;
          // Refused for a reason of its own (out of scope, the run ended, not an image): dropped from the queue and said;
          // an entry's photos go with it.
          const photos = entry.type === 'photo' ? [] : (await entriesOf(runId)).filter((other) => other.type === 'photo' && other.eventClientId === entry.clientId);
          await withStore('readwrite', (store) => {
            for (const photo of photos) store.delete(photo.clientId);
            return store.delete(entry.clientId);
          });
          for (const photo of photos) dropped.add(photo.clientId);
          refused.add(entry.clientId);
          if (entry.type !== 'photo') settlePending(entry.clientId, null);
          notifyError(error);
        }
      }
    } finally {
      flushing = null;
      await count(runId);
    }
  })();
  return flushing;
}

/** What became of an entry at once: stored by the host, kept in the phone's queue (offline), or refused (the refusal is shown). */
export type SeatRecordOutcome = 'stored' | 'queued' | 'refused';

/**
 * Queues one entry (now, unless it says when) and its photos (down-scaled
 * first), shows it at once, and tries to send it; says whether the host
 * stored it, it waits in the queue, or the back end refused it.
 */
export async function recordFromSeat(runId: string, event: NewRunEvent, photos: readonly AttachmentInput[] = []): Promise<SeatRecordOutcome> {
  const clientId = newClientId();
  const queuedAt = Date.now();
  const at = event.at ?? new Date(queuedAt).toISOString();
  const entry: EventEntry = { type: 'event', clientId, runId, event: { ...event, at, clientId }, queuedAt };
  const scaled = await Promise.all(photos.map(seatPhotoOf));
  // Each photo just after its entry in the queue's order.
  const photoEntries = scaled.map((photo, i): PhotoEntry => ({ type: 'photo', clientId: newClientId(), runId, eventClientId: clientId, photo, queuedAt: queuedAt + (i + 1) / 1000 }));
  await withStore('readwrite', (store) => {
    for (const photoEntry of photoEntries) store.put(photoEntry);
    return store.put(entry);
  });
  showPending(pendingOf(entry));
  await count(runId);
  await flushOutbox(runId);
  if (refused.has(clientId)) return 'refused';
  return (await entriesOf(runId)).some((queued) => queued.clientId === clientId) ? 'queued' : 'stored';
}

/** After a reload: shows what was still queued for the run, and sends it. */
export async function resumeOutbox(runId: string): Promise<void> {
  for (const entry of await entriesOf(runId)) if (entry.type !== 'photo') showPending(pendingOf(entry));
  await count(runId);
  await flushOutbox(runId);
}
