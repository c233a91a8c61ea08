/**
 * The back end apart from the window: the worker host. The Electron main
 * process, the browser-mode server and the command line each make one of
 * these and only relay calls to it. It runs the service in worker threads:
 *
 * - one `main` worker owns the data folder and answers the ordinary calls;
 * - each long call (an import or an export, `TASK_METHODS`) gets a `task`
 *   worker of its own with a second connection to the same database, so the
 *   main worker keeps answering while it runs.
 *
 * Every worker has a heap limit and every call a time budget, counted from
 * when the worker reaches the call (not while it waits behind others). A
 * call that exceeds either ends its worker; the caller gets an envelope saying nothing
 * was changed (SQLite rolls back the unfinished transaction), and a main
 * worker is started again on the same database. A long call can be listed
 * (`listTasks`, for progress) and cancelled (`cancelTask`, which ends its
 * worker). Preferences stay with the host; each call brings them along.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HOST_METHODS, refusedOf, TASK_METHODS, type Envelope, type HostService, type TaskInfo, type TaskMethod } from '../../shared/api';
import { msg, type Message } from '../../shared/i18n';
import { dispatch } from './dispatch';
import type { PrefsStore } from './prefs';
import type { FromWorker, ToWorker, WorkerRole, WorkerSetup } from './workerProtocol';

/** Time and memory each kind of call may use. Stated in the README's reliability section. */
export type Budgets = {
  /** An ordinary call (everything but imports and exports). */
  callMs: number;
  importMs: number;
  exportMs: number;
  /** The heap of the main worker and of each task worker. */
  mainHeapMb: number;
  taskHeapMb: number;
  /** Long calls running at once; one more is refused until one ends. */
  maxTasks: number;
};

export const DEFAULT_BUDGETS: Budgets = { callMs: 10_000, importMs: 30_000, exportMs: 30_000, mainHeapMb: 1024, taskHeapMb: 512, maxTasks: 2 };

export type WorkerBackendOptions = {
  dataDir: string;
  templatesDir: string;
  prefs: PrefsStore;
  /** The worker's entry point: a bundled script (see `nodeBundle.ts`). */
  workerScript: string;
  nativeBinding?: string;
  budgets?: Partial<Budgets>;
  /** A fixed clock for the workers (tests). */
  fixedNow?: string;
  /** Keep a task worker started ahead of need (the app: yes; a one-shot command: no). */
  warmTaskWorker?: boolean;
  log?: (message: string, error?: unknown) => void;
};

export type WorkerBackend = {
  /** Serves a call from the host, or from a seat by its token (always in the main worker, which holds seats to their scope). */
  call: (method: string, arg: unknown, seatToken?: string) => Promise<Envelope<unknown>>;
  /** How many times a main worker was started (1 until one had to be replaced). */
  mainStarts: () => number;
  /** Ends the main worker as a crash would (the reliability tests and the bench); resolves once it has exited. */
  killMainWorker: () => Promise<void>;
  /** Ends the workers after the main one closed the database cleanly. */
  close: () => Promise<void>;
};

const isTaskMethod = (method: string): method is TaskMethod => (TASK_METHODS as readonly string[]).includes(method);
const isHostMethod = (method: string) => (HOST_METHODS as readonly string[]).includes(method);
const IMPORT_METHODS = new Set<string>(['importScenario', 'importRunCsv', 'previewPlanImport', 'importPlanTable']);

const failure = (code: 'too-large' | 'internal' | 'cancelled' | 'conflict', message: Message): Envelope<never> => refusedOf(code, message);

/** Why a worker ended before answering, in the caller's words. */
type Ending = { kind: 'budget'; ms: number } | { kind: 'memory' } | { kind: 'cancelled' } | { kind: 'crashed'; message: string };

const durationOf = (ms: number): Message =>
  ms >= 1000 ? msg('errors.worker.seconds', { count: Math.round(ms / 1000) }) : msg('errors.worker.milliseconds', { count: ms });

function envelopeOfEnding(ending: Ending, kind: 'import' | 'export' | 'call'): Envelope<never> {
  const what = msg(`errors.worker.what.${kind}`);
  switch (ending.kind) {
    case 'budget':
      return failure('too-large', msg('errors.worker.budget', { what, duration: durationOf(ending.ms) }));
    case 'memory':
      return failure('too-large', msg('errors.worker.memory', { what }));
    case 'cancelled':
      return failure('cancelled', msg('errors.worker.cancelled', { what }));
    case 'crashed':
      return failure('internal', msg('errors.worker.crashed', { what }));
  }
}

/** The data folder could not be opened; the message says why in the user's terms (locked, damaged, read-only). */
export class BackendOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendOpenError';
  }
}

type Pending = { resolve: (envelope: Envelope<unknown>) => void; what: 'import' | 'export' | 'call'; budgetMs: number };

/**
 * One worker thread and the calls waiting on it. `ended` is set before the
 * worker is stopped on purpose, so its pending calls get the right envelope.
 */
class WorkerSlot {
  readonly worker: Worker;
  readonly ready: Promise<string>;
  /** Calls sent and not yet answered, in the order sent: the worker takes them in that order. */
  private readonly pending = new Map<number, Pending>();
  /** The budget timer of the oldest pending call (the one the worker is on), and its id. */
  private headTimer: { id: number; timer: NodeJS.Timeout } | null = null;
  private ending: Ending | null = null;
  private closedResolve: (() => void) | null = null;
  exited = false;

  constructor(
    setup: WorkerSetup,
    script: string,
    heapMb: number,
    private readonly host: { prefs: PrefsStore; log: (message: string, error?: unknown) => void; onExit: (slot: WorkerSlot) => void },
  ) {
    this.worker = new Worker(script, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: false, stderr: false });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(message.databaseFile);
        else if (message.type === 'failed') reject(new BackendOpenError(message.message));
        else this.receive(message);
      });
      this.worker.on('error', (error) => {
        if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') this.ending ??= { kind: 'memory' };
        else this.ending ??= { kind: 'crashed', message: error.message };
        this.host.log(`DrillDesk: a back-end worker stopped: ${error.message}`);
        reject(error);
      });
      this.worker.on('exit', () => {
        this.exited = true;
        const ending = this.ending ?? { kind: 'crashed', message: 'exited' };
        for (const { resolve: answer, what } of this.pending.values()) answer(envelopeOfEnding(ending, what));
        this.pending.clear();
        this.timeHead();
        this.closedResolve?.();
        reject(new Error('the worker exited before it was ready'));
        this.host.onExit(this);
      });
    });
    this.ready.catch(() => {});
  }

  /**
   * Times the call at the head of the queue: a call's budget runs from when
   * the worker reaches it, not from when it was sent, so calls queued behind
   * others (a burst of entries from many seats) never end a healthy worker,
   * while one call that holds the worker past its budget still does.
   */
  private timeHead() {
    const head = this.pending.entries().next();
    if (head.done) {
      if (this.headTimer) clearTimeout(this.headTimer.timer);
      this.headTimer = null;
      return;
    }
    const [id, { budgetMs }] = head.value;
    if (this.headTimer?.id === id) return;
    if (this.headTimer) clearTimeout(this.headTimer.timer);
    this.headTimer = { id, timer: setTimeout(() => this.stop({ kind: 'budget', ms: budgetMs }), budgetMs) };
  }

  private receive(message: FromWorker) {
    if (message.type === 'result') {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      this.timeHead();
      pending?.resolve(message.envelope);
    } else if (message.type === 'prefs') this.host.prefs.write(message.patch);
    else if (message.type === 'log') this.host.log(message.message, message.error ?? undefined);
    else if (message.type === 'closed') void this.worker.terminate();
  }

  get busy() {
    return this.pending.size;
  }

  /** Sends one call; ends the worker when, once reached, it runs past `budgetMs`. */
  async call(id: number, method: string, arg: unknown, what: Pending['what'], budgetMs: number, seatToken?: string): Promise<Envelope<unknown>> {
    try {
      await this.ready;
    } catch {
      return envelopeOfEnding(this.ending ?? { kind: 'crashed', message: 'not started' }, what);
    }
    if (this.exited) return envelopeOfEnding(this.ending ?? { kind: 'crashed', message: 'exited' }, what);
    return new Promise((resolve) => {
      this.pending.set(id, { what, budgetMs, resolve });
      this.timeHead();
      this.worker.postMessage({ type: 'call', id, method, arg, prefs: this.host.prefs.read(), ...(seatToken === undefined ? {} : { seatToken }) } satisfies ToWorker);
    });
  }

  /** Ends the worker now; its pending calls are answered with `ending`. */
  stop(ending: Ending) {
    this.ending ??= ending;
    void this.worker.terminate();
  }

  /** Asks the worker to close its database, then ends it (at most after a second). */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.closedResolve = resolve;
      this.ending ??= { kind: 'crashed', message: 'closing' };
      this.ready.then(
        () => this.worker.postMessage({ type: 'close' } satisfies ToWorker),
        () => {},
      );
      setTimeout(() => void this.worker.terminate(), 1000).unref();
    });
  }
}

/**
 * Data folders a worker backend of this process holds. The lock file names
 * the process, and the workers share its id, so a second open in the same
 * process is refused here (a restarted main worker takes the lock over).
 */
const openDirs = new Set<string>();

type Task = { info: Omit<TaskInfo, 'elapsedMs'>; slot: WorkerSlot; started: number };

/**
 * Starts the main worker on the data folder and resolves once it has opened
 * the database (or rejects with the reason it could not, e.g. another
 * DrillDesk holds the folder).
 */
export async function openWorkerBackend(options: WorkerBackendOptions): Promise<WorkerBackend> {
  const dir = path.resolve(options.dataDir);
  if (openDirs.has(dir)) throw new BackendOpenError(`the data folder ${options.dataDir} is already open in this DrillDesk; close it first`);
  openDirs.add(dir);
  try {
    return await startWorkers(options);
  } catch (error) {
    openDirs.delete(dir);
    throw error;
  }
}

async function startWorkers(options: WorkerBackendOptions): Promise<WorkerBackend> {
  const dir = path.resolve(options.dataDir);
  const budgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const setupOf = (role: WorkerRole): WorkerSetup => ({
    role,
    dataDir: options.dataDir,
    templatesDir: options.templatesDir,
    nativeBinding: options.nativeBinding,
    prefs: options.prefs.read(),
    fixedNow: options.fixedNow,
  });
  let closing = false;
  let starts = 0;
  let nextId = 1;
  const tasks = new Map<number, Task>();

  const startMain = (): WorkerSlot => {
    starts++;
    return new WorkerSlot(setupOf('main'), options.workerScript, budgets.mainHeapMb, {
      prefs: options.prefs,
      log,
      onExit: (slot) => {
        if (closing || slot !== main) return;
        log('DrillDesk: the back-end worker stopped; starting it again on the same database');
        main = startMain();
        main.ready.catch((error) => log('DrillDesk: the back-end worker could not be started again', error));
      },
    });
  };
  let main = startMain();
  await main.ready;

  // One task worker is kept started ahead of need, so a long call does not wait for a worker to load.
  const startTaskSlot = () => new WorkerSlot(setupOf('task'), options.workerScript, budgets.taskHeapMb, { prefs: options.prefs, log, onExit: () => {} });
  const warm = options.warmTaskWorker ?? true;
  let spare: WorkerSlot | null = warm ? startTaskSlot() : null;
  const takeTaskSlot = () => {
    const slot = spare && !spare.exited ? spare : startTaskSlot();
    spare = closing || !warm ? null : startTaskSlot();
    return slot;
  };

  const runTask = async (id: number, method: TaskMethod, arg: unknown): Promise<Envelope<unknown>> => {
    if (tasks.size >= budgets.maxTasks)
      return failure('conflict', msg('errors.worker.tooManyTasks', { count: budgets.maxTasks }));
    const what = IMPORT_METHODS.has(method) ? 'import' : 'export';
    const budgetMs = what === 'import' ? budgets.importMs : budgets.exportMs;
    const slot = takeTaskSlot();
    const fileName = (arg as { fileName?: unknown } | null)?.fileName;
    tasks.set(id, {
      info: { id, method, fileName: typeof fileName === 'string' ? fileName.slice(0, 260) : null, startedAt: new Date().toISOString(), budgetMs },
      slot,
      started: Date.now(),
    });
    try {
      return await slot.call(id, method, arg, what, budgetMs);
    } finally {
      tasks.delete(id);
      if (!slot.exited) void slot.close();
    }
  };

  const hostService: HostService = {
    listTasks: () => [...tasks.values()].map(({ info, started }) => ({ ...info, elapsedMs: Date.now() - started })),
    cancelTask: ({ id }) => {
      const task = tasks.get(id);
      if (!task) return { cancelled: false };
      task.slot.stop({ kind: 'cancelled' });
      return { cancelled: true };
    },
  };

  return {
    call: (method, arg, seatToken) => {
      if (closing) return Promise.resolve(failure('internal', msg('errors.worker.closing')));
      // A seat's every call goes to the main worker, whose dispatcher holds it to the seat's scope (and refuses the host's own methods).
      if (seatToken !== undefined) return main.call(nextId++, method, arg, 'call', budgets.callMs, seatToken);
      if (isHostMethod(method)) return dispatch(hostService, method, arg);
      const id = nextId++;
      if (isTaskMethod(method)) return runTask(id, method, arg);
      // A restore replaces the database file under the task workers' connections.
      if (method === 'restoreBackup' && tasks.size > 0)
        return Promise.resolve(failure('conflict', msg('errors.backup.busy')));
      return main.call(id, method, arg, 'call', budgets.callMs);
    },
    mainStarts: () => starts,
    killMainWorker: async () => {
      const dying = main;
      await dying.ready.catch(() => {});
      const exited = new Promise<void>((resolve) => dying.worker.once('exit', () => resolve()));
      dying.stop({ kind: 'crashed', message: 'killed' });
      await exited;
    },
    close: async () => {
      closing = true;
      for (const task of tasks.values()) task.slot.stop({ kind: 'cancelled' });
      await Promise.all([main.close(), spare?.close()]);
      spare = null;
      openDirs.delete(dir);
    },
  };
}
