/**
 * The Electron main process: a thin composition. It turns on the sandbox for
 * every renderer, starts the back end's workers on the user-data folder
 * (`workerBackend.ts`: the service never runs in this process, so a heavy
 * file cannot freeze the window), relays each
 * contract operation from its IPC channel to `backend.call` — through the
 * sharing host of `web/liveSharing.ts`, as browser mode does, so the console
 * can share a live run with seats on the local network (联网导调; stopped when
 * the app quits) — serves the
 * renderer from the `drilldesk://app` scheme, and applies the handlers of
 * `shell.ts` (window, guards, permissions, single instance, menu) to the real
 * Electron objects. No logic of its own lives here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { openWorkerBackend, type WorkerBackend } from './core/workerBackend';
import { PREFS_CONF_OPTIONS, prefsStoreOf } from './core/prefs';
import { liveSharingOf, type LiveSharing } from './web/liveSharing';
import { APP_ORIGIN } from './security';
import { RUN_EVENT_CHANNEL } from './channels';
import {
  APP_SCHEME_PRIVILEGES,
  applicationMenuOf,
  bindApiIpc,
  bindPrintIpc,
  denyPermissions,
  hardenContents,
  holdSingleInstance,
  mainWindowOf,
  serveAppProtocol,
  windowBoundsOf,
} from './shell';

app.enableSandbox();
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist/renderer');
/** better-sqlite3 built for Electron's ABI, when `npm run build:native-electron` produced it; else Node's build is tried. */
const electronNativeBinding = path.join(appRoot, 'native/electron/better_sqlite3.node');

let mainWindow: BrowserWindow | null = null;
let backend: WorkerBackend | null = null;
let live: LiveSharing | null = null;

const store = new ElectronStore<Record<string, unknown>>({ ...PREFS_CONF_OPTIONS });
const prefs = prefsStoreOf(store);

function openWindow() {
  const window = mainWindowOf(BrowserWindow, { bounds: windowBoundsOf(store.get('windowBounds')), preload: path.join(__dirname, 'preload.cjs'), packaged: app.isPackaged });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('close', () => store.set('windowBounds', window.getNormalBounds()));
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

if (holdSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  // Quitting stops sharing (the seats' server and its streams), then closes the back end.
  app.on('will-quit', () => {
    const closing = live?.sharing.close() ?? Promise.resolve();
    void closing.finally(() => backend?.close());
  });

  void app.whenReady().then(async () => {
    denyPermissions(session.defaultSession);
    const menu = applicationMenuOf(app.isPackaged, process.platform);
    if (menu !== undefined) Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));
    serveAppProtocol(protocol, rendererDir, (url) => net.fetch(url));
    const dataDir = path.join(app.getPath('userData'), 'data');
    try {
      backend = await openWorkerBackend({
        dataDir,
        templatesDir: path.join(appRoot, 'scenarios'),
        prefs,
        workerScript: path.join(__dirname, 'backendWorker.cjs'),
        nativeBinding: fs.existsSync(electronNativeBinding) ? electronNativeBinding : undefined,
      });
    } catch (error) {
      dialog.showErrorBox('DrillDesk', `DrillDesk cannot open its data folder.\n\n${(error as Error).message}`);
      app.quit();
      return;
    }
    const opened = (live = liveSharingOf(backend, { rendererDir, dataDir }));
    bindApiIpc(ipcMain, (method, arg) => opened.sharing.call(method, arg));
    bindPrintIpc(ipcMain, { showSaveDialog: (options) => dialog.showSaveDialog(options) });
    // A run shared before the app stopped (a crash included) is shared again, so its seats reach it with their stored tokens.
    void opened.sharing.resume();
    // Every committed event (the host's own, a seat's) reaches the window's live log at once, as browser mode's stream does.
    opened.hub.listen((event) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(RUN_EVENT_CHANNEL, event);
    });
    openWindow();
  });
}
