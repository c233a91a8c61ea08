/**
 * The Electron shell's handlers, as functions over the Electron objects they
 * are given: the main window and its settings, the guards every web contents
 * gets (navigation, new windows, webviews), the permission handlers, the IPC
 * sender check, the single-instance lock, the `drilldesk://app` protocol with
 * its CSP, and the application menu of a packaged build.
 *
 * Nothing here imports `electron` at run time (types only), so the unit tests
 * drive these functions with fakes that behave like Electron's objects, on
 * machines where Electron cannot run. `main.ts` only wires them to the real
 * objects; the URL and CSP rules themselves are in `security.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMain,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  Protocol,
  Session,
  WebContents,
  WebFrameMain,
} from 'electron';
import { API_METHODS, type ApiMethod, type Envelope } from '../shared/api';
import { channelOf } from './channels';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl } from './security';

/** How the app scheme is registered (before the app is ready): a standard, secure origin that may use fetch. */
export const APP_SCHEME_PRIVILEGES = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];

export type WindowBounds = { width: number; height: number; x?: number; y?: number };

/** The saved window size when it is usable, else the default 1440 × 900. */
export function windowBoundsOf(saved: unknown): WindowBounds {
  const bounds = saved as Partial<WindowBounds> | undefined;
  return bounds && typeof bounds.width === 'number' && typeof bounds.height === 'number' && bounds.width >= 800 && bounds.height >= 600
    ? (bounds as WindowBounds)
    : { width: 1440, height: 900 };
}

/**
 * The main window, with every security setting written out (electronegativity
 * reads them as literals here). DevTools exist only in development: a
 * packaged build has none to open.
 */
export function mainWindowOf(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: { bounds: WindowBounds; preload: string; packaged: boolean },
): BrowserWindow {
  const BrowserWindow = BrowserWindowClass;
  return new BrowserWindow({
    ...options.bounds,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'DrillDesk',
    backgroundColor: '#f8fafc',
    webPreferences: {
      preload: options.preload,
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
      devTools: !options.packaged,
    },
  });
}

type Preventable = { url: string; preventDefault: () => void };

/**
 * Guards one web contents: it may navigate, redirect or navigate a frame only
 * to the app's own pages; it may not attach webviews; every `window.open` is
 * denied, and an allowlisted https link is handed to the user's browser.
 */
export function hardenContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  const stayInApp = (event: Preventable) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url).catch(() => {});
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check (camera, notifications, geolocation…) and all device access. */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** True when an IPC message comes from the app's own top frame (not a subframe, not another page). */
export function isFromAppFrame(frame: Pick<WebFrameMain, 'url' | 'top'> | null): boolean {
  return frame !== null && frame === frame.top && isAppUrl(frame.url);
}

/** What a contract call from anywhere but the app's top frame gets. */
export const UNAUTHORIZED_ENVELOPE: Envelope<never> = {
  ok: false,
  error: { code: 'unauthorized', key: 'errors.call.notFromWindow', params: {}, details: [] },
};

type Handle = Pick<IpcMain, 'handle'>;

/** Handles `channel` only for the app's top frame; any other sender gets `refusal` and the handler never runs. */
function handleFromApp<T>(ipcMain: Handle, channel: string, refusal: T, handler: (event: IpcMainInvokeEvent, arg: unknown) => T | Promise<T>) {
  ipcMain.handle(channel, (event, arg: unknown) => (isFromAppFrame(event.senderFrame) ? handler(event, arg) : refusal));
}

/** One IPC channel per contract operation, each relayed to `call` (the back end's dispatcher). */
export function bindApiIpc(ipcMain: Handle, call: (method: ApiMethod, arg: unknown) => Promise<Envelope<unknown>>): void {
  for (const method of API_METHODS) handleFromApp<Envelope<unknown> | Promise<Envelope<unknown>>>(ipcMain, channelOf(method), UNAUTHORIZED_ENVELOPE, (_event, arg) => call(method, arg));
}

export type PrintDeps = {
  /** Electron's `dialog.showSaveDialog`. */
  showSaveDialog: (options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }) => Promise<{ canceled: boolean; filePath?: string }>;
};

/** A file name from the page, safe to offer in a save dialog. */
const pdfNameOf = (fileName: unknown) => (typeof fileName === 'string' ? fileName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120) : 'drilldesk.pdf');

/** The two printing channels: save the page as PDF (asking where), and print it with the system dialog. */
export function bindPrintIpc(ipcMain: Handle, deps: PrintDeps): void {
  handleFromApp(ipcMain, 'drilldesk:print-to-pdf', { saved: false, path: null as string | null }, async (event, arg) => {
    const { fileName, landscape } = (arg ?? {}) as { fileName?: unknown; landscape?: unknown };
    const target = await deps.showSaveDialog({ defaultPath: pdfNameOf(fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (target.canceled || !target.filePath) return { saved: false, path: null };
    const pdf = await event.sender.printToPDF({ pageSize: 'A4', landscape: landscape === true, printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(target.filePath, pdf);
    return { saved: true, path: target.filePath };
  });
  handleFromApp(ipcMain, 'drilldesk:print', { printed: false }, (event) => new Promise<{ printed: boolean }>((resolve) => event.sender.print({ printBackground: true }, (printed) => resolve({ printed }))));
}

/**
 * Takes the single-instance lock. Returns false (and quits) when another
 * DrillDesk holds it; otherwise a second launch restores and focuses this
 * one's window.
 */
export function holdSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  windowOf: () => Pick<BrowserWindow, 'isMinimized' | 'restore' | 'focus'> | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = windowOf();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}

/**
 * The answer to one `drilldesk://app/…` request: a file of the built renderer
 * with the CSP and `nosniff` headers, or 404 for another host, a path leaving
 * the renderer folder, or a missing file. `fetchFile` is Electron's `net.fetch`.
 */
export async function appResponseOf(requestUrl: string, rendererDir: string, fetchFile: (fileUrl: string) => Promise<Response>): Promise<Response> {
  const url = new URL(requestUrl);
  const root = path.resolve(rendererDir);
  let file: string;
  try {
    file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  if (url.host !== 'app' || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
  const response = await fetchFile(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

/** Serves the renderer on the app scheme (see `appResponseOf`). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, fetchFile: (fileUrl: string) => Promise<Response>): void {
  protocol.handle(APP_SCHEME, (request) => appResponseOf(request.url, rendererDir, fetchFile));
}

/**
 * The application menu of a packaged build: none on Windows and Linux; on
 * macOS the app and Edit menus (copy and paste need them there). Never
 * Reload or Toggle Developer Tools, which Electron's default menu has (with
 * their shortcuts). Development keeps the default menu (`undefined`).
 */
export function applicationMenuOf(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null | undefined {
  if (!packaged) return undefined;
  if (platform !== 'darwin') return null;
  return [
    { label: 'DrillDesk', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}
