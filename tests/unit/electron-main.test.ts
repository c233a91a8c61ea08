/**
 * The Electron main process and the preload, loaded as they are against a
 * fake `electron` module (Electron itself cannot run here): main.ts turns the
 * sandbox on, takes the single-instance lock, guards every web contents,
 * refuses permissions, serves the app protocol with its CSP, opens the real
 * back end on the user-data folder and relays the contract over IPC to it
 * only from the app window — through the same sharing host as browser mode,
 * so a live run can be shared with seats (联网导调), stopped by quitting; the
 * preload puts exactly the contract's
 * operations on the page, each invoking its own channel, and nothing else.
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, type Envelope, type SharingStatus } from '../../shared/api';
import { channelOf, RUN_EVENT_CHANNEL } from '../../electron/channels';
import { SEAT_TOKEN_HEADER } from '../../electron/web/sharing';
import { openDataDir } from '../../electron/storage/dataDir';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../../electron/security';
import { FakeWebContents, subFrameOf, topFrameOf } from '../support/fakeElectron';
import { repoRoot } from '../support/storage';

const fake = await vi.hoisted(async () => {
  const { FakeApp, FakeEmitter, FakeIpcMain, FakeSession } = await import('../support/fakeElectron');
  const fsModule = await import('node:fs');
  const osModule = await import('node:os');
  const pathModule = await import('node:path');
  const home = fsModule.mkdtempSync(pathModule.join(osModule.tmpdir(), 'drilldesk-electron-main-'));
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const events: string[] = [];

  class App extends FakeApp {
    isPackaged = false;
    enableSandbox() {
      events.push('enableSandbox');
    }
    whenReady() {
      return ready;
    }
    getAppPath() {
      return pathModule.join(home, 'app');
    }
    getPath(name: string) {
      return pathModule.join(home, name);
    }
    getVersion() {
      return '0.1.0';
    }
  }

  class BrowserWindow extends FakeEmitter {
    static made: BrowserWindow[] = [];
    minimized = false;
    focused = false;
    loaded: string | null = null;
    /** What the main process pushed to the page: [channel, payload]. */
    sent: [string, unknown][] = [];
    webContents = { send: (channel: string, payload: unknown) => void this.sent.push([channel, payload]) };
    isDestroyed() {
      return false;
    }
    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.made.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {}
    getNormalBounds() {
      return { width: 1200, height: 800, x: 0, y: 0 };
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused = true;
    }
  }

  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const exposed = new Map<string, unknown>();
  const invoked: [string, unknown][] = [];
  const opened: string[] = [];
  const menus: unknown[] = [];
  const electron = {
    app: new App(),
    BrowserWindow,
    dialog: { showSaveDialog: async () => ({ canceled: true }), showErrorBox: (title: string, message: string) => events.push(`error box: ${message}`) },
    ipcMain: Object.assign(new FakeIpcMain(), { on: () => {} }),
    Menu: { setApplicationMenu: (menu: unknown) => menus.push(menu), buildFromTemplate: (template: unknown) => template },
    net: { fetch: async (url: string) => new Response(fsModule.readFileSync(new URL(url))) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => events.push(`privileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession: new FakeSession() },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, arg?: unknown) => {
        invoked.push([channel, arg]);
        return { ok: true, value: channel };
      },
    },
  };
  return { electron, home, markReady, events, protocolHandlers, exposed, invoked, opened, menus };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

/**
 * main.ts starts the worker from `backendWorker.cjs` beside itself, which
 * `scripts/build-electron.mjs` writes next to `main.cjs`. Run from source
 * there is no such file, so the same entry bundled for this checkout stands
 * in for it; the back end is otherwise the real one.
 */
const workerScripts: string[] = [];
vi.mock('../../electron/core/workerBackend', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/core/workerBackend')>();
  const { nodeBundleOf, WORKER_BUNDLE } = await import('../../electron/core/nodeBundle');
  return {
    ...real,
    openWorkerBackend: (options: Parameters<typeof real.openWorkerBackend>[0]) => {
      workerScripts.push(options.workerScript);
      return real.openWorkerBackend({ ...options, workerScript: nodeBundleOf(repoRoot, WORKER_BUNDLE) });
    },
  };
});

/**
 * Sharing in the desktop app is composed by the same function as in browser
 * mode; the options main.ts gives it are recorded, and the interfaces offered
 * are the tests' 127.0.0.1 instead of this machine's private addresses (no
 * test sends traffic to those; `seatHttps.test.ts` checks the default list).
 */
const sharingOptions: unknown[] = [];
vi.mock('../../electron/web/liveSharing', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/web/liveSharing')>();
  return {
    ...real,
    liveSharingOf: (backend: Parameters<typeof real.liveSharingOf>[0], options: Parameters<typeof real.liveSharingOf>[1]) => {
      sharingOptions.push(options);
      return real.liveSharingOf(backend, { ...options, interfaces: () => [{ name: 'lo', address: '127.0.0.1' }] });
    },
  };
});

const { app, ipcMain, session } = fake.electron;
const appFrame = topFrameOf(`${APP_ORIGIN}/index.html#/`);

beforeAll(async () => {
  // The installed app: the sample drills and a built renderer beside main.
  fs.cpSync(path.join(repoRoot, 'scenarios'), path.join(fake.home, 'app', 'scenarios'), { recursive: true });
  fs.mkdirSync(path.join(fake.home, 'app', 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(fake.home, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>DrillDesk</title>');
  await import('../../electron/main');
  fake.events.push('loaded');
  fake.markReady();
  await app.whenReady();
  // main's handler was registered first; it opens the back end's workers, then the window.
  await vi.waitFor(() => expect(fake.electron.BrowserWindow.made).toHaveLength(1), { timeout: 60_000, interval: 50 });
  await import('../../electron/preload');
}, 90_000);

let quit = false;
/** Quits the app (once): sharing stops, and the data folder's lock is free again once the workers have closed it. */
async function quitApp() {
  if (!quit) app.emit('will-quit');
  quit = true;
  await vi.waitFor(() => openDataDir(path.join(fake.home, 'userData', 'data')).close(), { timeout: 30_000, interval: 50 });
}

afterAll(async () => {
  await quitApp();
  fs.rmSync(fake.home, { recursive: true, force: true });
});

/** A call as the console makes it, over IPC from the app window. */
async function desktopCall<T>(method: Parameters<typeof channelOf>[0], arg: unknown): Promise<T> {
  const envelope = (await ipcMain.invoke(channelOf(method), appFrame, arg)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.key}`);
  return envelope.value;
}

/** A GET or POST to the seats' HTTPS server, trusting only the certificate in the desktop app's data folder. */
function seatRequest(port: number, pathname: string, body?: unknown, seatToken?: string): Promise<{ status: number; body: string; fingerprint256: string }> {
  const ca = fs.readFileSync(path.join(fake.home, 'userData', 'data', 'seat-certificate', 'cert.pem'), 'utf8');
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path: pathname, method: body === undefined ? 'GET' : 'POST', ca, agent: false, headers: { 'Content-Type': 'application/json', ...(seatToken ? { [SEAT_TOKEN_HEADER]: seatToken } : {}) } }, (res) => {
      const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, fingerprint256 }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

let sharedPort = 0;
let runId = '';

describe('the main process (electron/main.ts)', () => {
  it('turns on the sandbox for every renderer and registers the app scheme before the app is ready', () => {
    expect(fake.events.slice(0, 3)).toEqual(['enableSandbox', expect.stringMatching(/^privileged .*"scheme":"drilldesk".*"secure":true/), 'loaded']);
  });

  it('starts the back end from the worker bundle the desktop build writes beside main.cjs', () => {
    expect(workerScripts).toEqual([path.join(repoRoot, 'electron', 'backendWorker.cjs')]);
    expect(fs.readFileSync(path.join(repoRoot, 'scripts/build-electron.mjs'), 'utf8')).toContain("outfile: 'dist-electron/backendWorker.cjs'");
  });

  it('opens one window, sandboxed with its preload, on the app page', () => {
    const windows = fake.electron.BrowserWindow.made;
    expect(windows).toHaveLength(1);
    expect(windows[0].options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: true, preload: expect.stringMatching(/preload\.cjs$/) });
    expect(windows[0].loaded).toBe(`${APP_ORIGIN}/index.html`);
  });

  it('guards every web contents it creates: no navigation away, no new windows', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(false);
    expect(contents.navigate('will-navigate', `${APP_ORIGIN}/index.html#/runs`)).toBe(true);
    expect(contents.windowOpen('https://www.mee.gov.cn/xxgk/')).toBe('deny');
    expect(contents.windowOpen('https://evil.example/')).toBe('deny');
    expect(fake.opened).toEqual(['https://www.mee.gov.cn/xxgk/']);
  });

  it('refuses every permission once ready', async () => {
    expect(await session.defaultSession.requestPermission('media')).toBe(false);
    expect(session.defaultSession.hasPermission('notifications')).toBe(false);
  });

  it('keeps Electron’s menu in development (a packaged build removes it: see security.test.ts)', () => {
    expect(fake.menus).toEqual([]);
  });

  it('serves the renderer on drilldesk://app with the CSP header', async () => {
    const response = await fake.protocolHandlers.get('drilldesk')!({ url: `${APP_ORIGIN}/index.html` });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>DrillDesk</title>');
  });

  it('answers contract calls from the app window with the real back end, seeded with the sample drills', async () => {
    const answer = (await ipcMain.invoke(channelOf('listScenarios'), appFrame, {})) as Envelope<{ title: string }[]>;
    expect(answer.ok).toBe(true);
    expect(answer.ok && answer.value.length).toBe(fs.readdirSync(path.join(repoRoot, 'scenarios')).filter((f) => f.endsWith('.drill.json')).length);
    expect(fs.existsSync(path.join(fake.home, 'userData', 'data', 'drilldesk.sqlite'))).toBe(true);
  });

  it('answers the same call from a subframe or another page with the unauthorized envelope', async () => {
    for (const frame of [subFrameOf(appFrame, `${APP_ORIGIN}/index.html`), topFrameOf('https://evil.example/')])
      expect(await ipcMain.invoke(channelOf('listScenarios'), frame, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('brings its window forward when DrillDesk is launched again', () => {
    const [window] = fake.electron.BrowserWindow.made;
    window.minimized = true;
    app.launchAgain();
    expect(window).toMatchObject({ minimized: false, focused: true });
  });
});

describe('the preload (electron/preload.ts)', () => {
  it('puts exactly two objects on the page: the contract and the two printing functions', () => {
    expect([...fake.exposed.keys()]).toEqual(['drillDesk', 'drillDeskDesktop']);
    expect(Object.keys(fake.exposed.get('drillDesk') as object).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(fake.exposed.get('drillDeskDesktop') as object)).toEqual(['printToPdf', 'print', 'onRunEvent']);
  });

  it('exposes only functions, none of them ipcRenderer or a generic invoke', () => {
    for (const api of fake.exposed.values())
      for (const [name, value] of Object.entries(api as object)) {
        expect(typeof value, name).toBe('function');
        expect(value).not.toBe(fake.electron.ipcRenderer.invoke);
      }
    expect([...fake.exposed.values()]).not.toContain(fake.electron.ipcRenderer);
  });

  it('sends each operation on its own channel, with the argument as given', async () => {
    const drillDesk = fake.exposed.get('drillDesk') as Record<string, (arg: unknown) => Promise<unknown>>;
    fake.invoked.length = 0;
    for (const method of API_METHODS) expect(await drillDesk[method]({ probe: method })).toEqual({ ok: true, value: channelOf(method) });
    expect(fake.invoked).toEqual(API_METHODS.map((method) => [channelOf(method), { probe: method }]));
    const desktop = fake.exposed.get('drillDeskDesktop') as Record<string, (arg?: unknown) => Promise<unknown>>;
    fake.invoked.length = 0;
    await desktop.printToPdf({ fileName: 'a.pdf', landscape: false });
    await desktop.print();
    expect(fake.invoked).toEqual([['drilldesk:print-to-pdf', { fileName: 'a.pdf', landscape: false }], ['drilldesk:print', undefined]]);
  });

  it('uses only channels the main process handles', async () => {
    fake.invoked.length = 0;
    const drillDesk = fake.exposed.get('drillDesk') as Record<string, (arg: unknown) => Promise<unknown>>;
    const desktop = fake.exposed.get('drillDeskDesktop') as Record<string, (arg?: unknown) => Promise<unknown>>;
    await Promise.all([...API_METHODS.map((method) => drillDesk[method]({})), desktop.printToPdf({ fileName: 'a.pdf', landscape: true }), desktop.print()]);
    expect(fake.invoked).toHaveLength(API_METHODS.length + 2);
    for (const [channel] of fake.invoked) expect(ipcMain.handlers.has(channel), channel).toBe(true);
  });
});

describe('sharing a live run from the desktop app (联网导调)', () => {
  it('composes the hub and the sharing host with browser mode’s function, on its renderer and data folder', () => {
    expect(sharingOptions).toEqual([{ rendererDir: path.join(fake.home, 'app', 'dist', 'renderer'), dataDir: path.join(fake.home, 'userData', 'data') }]);
  });

  it('answers the sharing operations over IPC, parsed: a bad argument or another frame changes nothing', async () => {
    expect(await desktopCall('listNetworkInterfaces', {})).toEqual([{ name: 'lo', address: '127.0.0.1' }]);
    expect(await ipcMain.invoke(channelOf('startSharing'), appFrame, { runId: 'r1', address: 'not an address' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await ipcMain.invoke(channelOf('startSharing'), appFrame, { runId: 'r1', address: '127.0.0.1', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await ipcMain.invoke(channelOf('startSharing'), appFrame, { runId: 'r1', address: '8.8.8.8' })).toMatchObject({ ok: false, error: { key: 'errors.seat.notPrivate' } });
    expect(await ipcMain.invoke(channelOf('startSharing'), subFrameOf(appFrame, `${APP_ORIGIN}/index.html`), { runId: 'r1', address: '127.0.0.1' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await desktopCall<SharingStatus>('sharingStatus', {})).toEqual({ shared: null, connected: [], notResumed: null });
  });

  it('shares a running run over HTTPS: a seat joins the worker back end through the seats’ server', async () => {
    const scenario = (await desktopCall<{ id: string; title: string }[]>('listScenarios', {})).find((s) => s.title === '2026年汛期水环境安全应急实战演练')!;
    const run = await desktopCall<{ id: string }>('createRun', { scenarioId: scenario.id, name: '联网演练' });
    const shared = (await desktopCall<SharingStatus>('startSharing', { runId: run.id, address: '127.0.0.1', https: true })).shared!;
    expect(shared).toMatchObject({ runId: run.id, scheme: 'https', url: `https://127.0.0.1:${shared.port}/` });
    sharedPort = shared.port;
    const info = await seatRequest(shared.port, '/seat/info');
    expect(info.fingerprint256).toBe(shared.fingerprint256);
    const { code } = await desktopCall<{ code: string }>('createSeat', { runId: run.id, seat: { kind: 'observer', name: '观摩席' } });
    expect(JSON.parse((await seatRequest(shared.port, '/seat/join', { code })).body)).toMatchObject({ ok: true, value: { seat: { name: '观摩席', runId: run.id } } });
    runId = run.id;
  });

  it('pushes every committed event to the window at once (no polling): the host’s own and a seat’s', async () => {
    const [window] = fake.electron.BrowserWindow.made;
    const before = window.sent.length;
    const own = await desktopCall<{ seq: number }>('recordEvent', { runId, event: { kind: 'observation', text: '主控台记录' } });
    const { code } = await desktopCall<{ code: string }>('createSeat', { runId, seat: { kind: 'field-controller', name: '污水厂现场', scope: { roleIds: ['role-sewage'] } } });
    const { token } = JSON.parse((await seatRequest(sharedPort, '/seat/join', { code })).body).value as { token: string };
    const seat = JSON.parse((await seatRequest(sharedPort, '/seat/api/recordEvent', { runId, event: { kind: 'inject-delivered', stepId: 's17' } }, token)).body) as { ok: boolean; value: { seq: number } };
    expect(seat, JSON.stringify(seat)).toMatchObject({ ok: true });
    const pushed = window.sent.slice(before).filter(([channel]) => channel === RUN_EVENT_CHANNEL).map(([, event]) => (event as { seq: number }).seq);
    expect(pushed).toEqual([own.seq, seat.value.seq]);
  });
});

describe('quitting the desktop app', () => {
  it('stops sharing (the seats’ server no longer answers) and closes the back end', async () => {
    expect(sharedPort).toBeGreaterThan(0);
    await quitApp();
    await expect(seatRequest(sharedPort, '/seat/info')).rejects.toThrow(/ECONNREFUSED/);
  });
});
