/**
 * Fakes of the Electron objects the shell's handlers are given, for machines
 * where Electron cannot run. They behave the way Electron does where the
 * handlers depend on it: an event's `preventDefault` stops a navigation, a
 * window-open handler's answer decides whether a window opens (it opens when
 * there is no handler), a permission is granted unless a handler refuses it,
 * an IPC call reaches the handler registered on its channel with its sender
 * frame, and a second launch emits `second-instance` in the first.
 */
type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  once(name: string, listener: Listener): this {
    const wrapped = ((...args: never[]) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    }) as Listener;
    return this.on(name, wrapped);
  }

  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/** An Electron event: `preventDefault` marks it, as Electron's does. */
export function eventOf<T extends object>(fields: T): T & { defaultPrevented: boolean; preventDefault: () => void } {
  const event = { ...fields, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
  return event;
}

/** A frame of a page: its URL and its top frame (itself for a top frame). */
export type FakeFrame = { url: string; top: FakeFrame | null };

export function topFrameOf(url: string): FakeFrame {
  const frame: FakeFrame = { url, top: null };
  frame.top = frame;
  return frame;
}

export function subFrameOf(top: FakeFrame, url: string): FakeFrame {
  return { url, top };
}

type OpenDetails = { url: string; frameName: string; features: string; disposition: string };

export class FakeWebContents extends FakeEmitter {
  private openHandler: ((details: OpenDetails) => { action: 'allow' | 'deny' }) | null = null;
  readonly pdfRequests: unknown[] = [];
  readonly printRequests: unknown[] = [];

  setWindowOpenHandler(handler: (details: OpenDetails) => { action: 'allow' | 'deny' }) {
    this.openHandler = handler;
  }

  /** A navigation event of `kind` towards `url`; true when it goes ahead (no listener prevented it). */
  navigate(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    const event = eventOf({ url, isMainFrame, isSameDocument: false });
    this.emit(kind, event, url);
    return !event.defaultPrevented;
  }

  /** The page asks for a `<webview>`; true when it is attached. */
  attachWebview(src: string): boolean {
    const event = eventOf({});
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }

  /** `window.open(url)` from the page: what Electron does with it (a window opens when no handler says otherwise). */
  windowOpen(url: string): 'allow' | 'deny' {
    return this.openHandler?.({ url, frameName: '', features: '', disposition: 'foreground-tab' }).action ?? 'allow';
  }

  async printToPDF(options: unknown): Promise<Buffer> {
    this.pdfRequests.push(options);
    return Buffer.from('%PDF-1.7\n% a fake PDF\n');
  }

  print(options: unknown, callback: (success: boolean) => void) {
    this.printRequests.push(options);
    callback(true);
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, arg: unknown) => unknown>();

  handle(channel: string, handler: (event: unknown, arg: unknown) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  /** What `ipcRenderer.invoke(channel, arg)` from `frame` resolves to. */
  async invoke(channel: string, frame: FakeFrame | null, arg?: unknown, sender = new FakeWebContents()): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame, sender }, arg);
  }
}

export class FakeSession {
  private requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  private checkHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  private deviceHandler: ((details: unknown) => boolean) | null = null;

  setPermissionRequestHandler(handler: typeof this.requestHandler) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: typeof this.checkHandler) {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: typeof this.deviceHandler) {
    this.deviceHandler = handler;
  }

  /** A page asks for a permission; resolves with what it is granted (everything, without a handler). */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(new FakeWebContents(), permission, resolve, { requestingUrl: 'drilldesk://app/index.html' }));
  }

  /** A page checks a permission without asking (e.g. `navigator.permissions.query`). */
  hasPermission(permission: string): boolean {
    return this.checkHandler ? this.checkHandler(new FakeWebContents(), permission, 'drilldesk://app', {}) : true;
  }

  /** A page asks for a USB, HID or serial device. */
  mayUseDevice(deviceType: string): boolean {
    return this.deviceHandler ? this.deviceHandler({ deviceType, origin: 'drilldesk://app' }) : true;
  }
}

export class FakeWindow extends FakeEmitter {
  minimized = false;
  focused = false;
  restore() {
    this.minimized = false;
  }
  isMinimized() {
    return this.minimized;
  }
  focus() {
    this.focused = true;
  }
}

export class FakeApp extends FakeEmitter {
  /** True when another DrillDesk already holds the single-instance lock. */
  lockHeldElsewhere = false;
  quitCalls = 0;

  requestSingleInstanceLock() {
    return !this.lockHeldElsewhere;
  }
  quit() {
    this.quitCalls++;
  }
  /** A second launch of the app: Electron tells the first instance. */
  launchAgain() {
    this.emit('second-instance', eventOf({}), ['drilldesk'], '/');
  }
}
