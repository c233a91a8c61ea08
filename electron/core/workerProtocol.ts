/**
 * The messages between the worker host (the Electron main process, the
 * browser-mode server, the command line) and a back-end worker. Plain data
 * only: everything crosses by structured clone.
 */
import type { Envelope, Prefs } from '../../shared/api';

/** What a worker is for: the long-lived one that owns the data folder, or one long call. */
export type WorkerRole = 'main' | 'task';

export type WorkerSetup = {
  role: WorkerRole;
  dataDir: string;
  templatesDir: string;
  nativeBinding?: string;
  /** The preferences as the host holds them when the worker starts. */
  prefs: Prefs;
  /** A fixed clock for tests (ISO instant); the wall clock when absent. */
  fixedNow?: string;
};

/** Host to worker. Each call carries the current preferences: the host owns them. */
export type ToWorker = { type: 'call'; id: number; method: string; arg: unknown; prefs: Prefs; /** A seat's token: the call is held to that seat's scope. */ seatToken?: string } | { type: 'close' };

/** Worker to host. */
export type FromWorker =
  | { type: 'ready'; databaseFile: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'prefs'; patch: Partial<Prefs> }
  | { type: 'log'; message: string; error: string | null }
  | { type: 'closed' };
