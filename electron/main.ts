/**
 * The Electron main process: a thin shell. It starts the back end's workers
 * on the user-data folder (`workerBackend.ts`: the service never runs in this
 * process, so a heavy file cannot freeze the window), relays each contract
 * operation from its IPC channel to `backend.call`, serves the renderer from the `drilldesk://app` scheme, and
 * holds the window to the security settings in `security.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { API_METHODS } from '../shared/api';
import { channelOf } from './channels';
import { openWorkerBackend, type WorkerBackend } from './core/workerBackend';
import { PREFS_CONF_OPTIONS, prefsStoreOf } from './core/prefs';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl } from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist/renderer');
/** better-sqlite3 built for Electron's ABI, when `npm run build:native-electron` produced it; else Node's build is tried. */
const electronNativeBinding = path.join(appRoot, 'native/electron/better_sqlite3.node');

let mainWindow: BrowserWindow | null = null;
let backend: WorkerBackend | null = null;

type WindowBounds = { width: number; height: number; x?: number; y?: number };
const store = new ElectronStore<Record<string, unknown>>({ ...PREFS_CONF_OPTIONS });
const prefs = prefsStoreOf(store);

function savedBounds(): WindowBounds {
  const bounds = store.get('windowBounds') as WindowBounds | undefined;
  return bounds && bounds.width >= 800 && bounds.height >= 600 ? bounds : { width: 1440, height: 900 };
}

function createWindow() {
  const bounds = savedBounds();
  mainWindow = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'DrillDesk',
    backgroundColor: '#f8fafc',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('close', () => {
    if (mainWindow) store.set('windowBounds', mainWindow.getNormalBounds());
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

/** Every web contents: no navigation away from the app, no new windows, no webviews. */
function harden(contents: WebContents) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function serveApp() {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`);
    if (url.host !== 'app' || !file.startsWith(rendererDir + path.sep) || !fs.existsSync(file))
      return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** True when an IPC message comes from the app's own top frame. */
function fromAppFrame(frame: Electron.WebFrameMain | null): boolean {
  return frame !== null && frame === frame.top && isAppUrl(frame.url);
}

function bindIpc(current: WorkerBackend) {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, arg: unknown) => {
      if (!fromAppFrame(event.senderFrame))
        return { ok: false, error: { code: 'unauthorized', message: 'calls are accepted only from the DrillDesk window', details: [] } };
      return current.call(method, arg);
    });
  }
  ipcMain.handle('drilldesk:print-to-pdf', async (event, arg: unknown) => {
    if (!fromAppFrame(event.senderFrame)) return { saved: false, path: null };
    const { fileName, landscape } = (arg ?? {}) as { fileName?: unknown; landscape?: unknown };
    const target = await dialog.showSaveDialog({
      defaultPath: typeof fileName === 'string' ? fileName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120) : 'drilldesk.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (target.canceled || !target.filePath) return { saved: false, path: null };
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', landscape: landscape === true, printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(target.filePath, pdf);
    return { saved: true, path: target.filePath };
  });
  ipcMain.handle('drilldesk:print', (event) => {
    if (!fromAppFrame(event.senderFrame)) return { printed: false };
    return new Promise((resolve) => event.sender.print({ printBackground: true }, (printed) => resolve({ printed })));
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void backend?.close());

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    serveApp();
    try {
      backend = await openWorkerBackend({
        dataDir: path.join(app.getPath('userData'), 'data'),
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
    bindIpc(backend);
    createWindow();
  });
}
