/**
 * A seat's entries on their way (the offline queue): each is written to
 * IndexedDB with its original time and a client id before it is sent, sent
 * in order, and removed once the back end answered — stored, or refused for
 * a reason of its own. When the network is gone it stays, shown as unsent,
 * and goes on reconnect (or after a reload of the page); the back end applies
 * a client id once, so an entry whose answer was lost is not doubled.
 */
import { create } from 'zustand';
import { NewRunEventSchema, type NewRunEvent } from '../../shared/model';
import { runEventOf } from '../../shared/runState';
import { api } from '../api';
import { notifyError } from '../components/toasts';
import { settlePending, showPending } from '../conduct/runStore';
import { newClientId } from './clientId';

type Entry = { clientId: string; runId: string; event: NewRunEvent & { at: string; clientId: string }; queuedAt: number };

const DB_NAME = 'drilldesk-seat';
const STORE = 'outbox';

/** How many entries are not yet acknowledged. */
export const useOutbox = create<{ unsent: number }>(() => ({ unsent: 0 }));

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientId' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
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
const count = async (runId: string) => useOutbox.setState({ unsent: (await entriesOf(runId)).length });

const pendingOf = (entry: Entry) => {
  const parsed = NewRunEventSchema.safeParse(entry.event);
  return runEventOf({ ...(parsed.success ? parsed.data : { kind: entry.event.kind }), seq: -entry.queuedAt, runId: entry.runId, at: entry.event.at, recordedAt: entry.event.at, clientId: entry.clientId });
};

let flushing: Promise<void> | null = null;

/** Sends what is queued for the run, in order; stops at the first entry the network did not carry. */
export function flushOutbox(runId: string): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const entry of await entriesOf(runId)) {
        try {
          const stored = await api.recordEvent({ runId, event: entry.event });
          await withStore('readwrite', (store) => store.delete(entry.clientId));
          settlePending(entry.clientId, stored);
        } catch (error) {
          if ((error as { key?: string }).key === 'errors.http.unreachable') break;
          // Refused for a reason of its own (out of scope, the run ended): dropped from the queue and said.
          await withStore('readwrite', (store) => store.delete(entry.clientId));
          settlePending(entry.clientId, null);
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

/** Queues one entry (now, unless it says when), shows it at once, and tries to send it. */
export async function recordFromSeat(runId: string, event: NewRunEvent): Promise<void> {
  const clientId = newClientId();
  const entry: Entry = { clientId, runId, event: { ...event, at: event.at ?? new Date().toISOString(), clientId }, queuedAt: Date.now() };
  await withStore('readwrite', (store) => store.put(entry));
  showPending(pendingOf(entry));
  await count(runId);
  await flushOutbox(runId);
}

/** After a reload: shows what was still queued for the run, and sends it. */
export async function resumeOutbox(runId: string): Promise<void> {
  for (const entry of await entriesOf(runId)) showPending(pendingOf(entry));
  await count(runId);
  await flushOutbox(runId);
}
