/**
 * The Electron security checklist, tested by behaviour where Electron cannot
 * run: the shell's handlers (electron/shell.ts) are given fakes that behave
 * like Electron's objects (tests/support/fakeElectron.ts), and what they do is
 * checked: a navigation elsewhere is prevented, `window.open` is denied, a
 * permission is refused, an IPC call from another frame gets the unauthorized
 * envelope, a second launch focuses the first window, the app protocol sends
 * the CSP. Then the pure URL and CSP rules (electron/security.ts), the fuses
 * flipped on a fake Electron binary, and the electronegativity gate's rules.
 * main.ts and the preload are loaded against a fake `electron` module in
 * electron-main.test.ts.
 *
 * Text checks remain only where nothing can be run here, each saying why.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, type Envelope } from '../../shared/api';
import { channelOf } from '../../electron/channels';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  isAllowedExternalUrl,
  isAllowedHostHeader,
  isAppUrl,
  SECURITY_HEADERS,
} from '../../electron/security';
import {
  appResponseOf,
  applicationMenuOf,
  bindApiIpc,
  bindPrintIpc,
  denyPermissions,
  hardenContents,
  holdSingleInstance,
  mainWindowOf,
  UNAUTHORIZED_ENVELOPE,
  windowBoundsOf,
} from '../../electron/shell';
import { acceptedChecksOf, failuresOf, type Finding } from '../../scripts/electronegativity';
import { FakeApp, FakeIpcMain, FakeSession, FakeWebContents, FakeWindow, subFrameOf, topFrameOf } from '../support/fakeElectron';
import { removeTempDirs, repoRoot, tempDir } from '../support/storage';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
// Electron's own types for the fakes: the handlers take the real interfaces.
const asElectron = <T>(fake: unknown) => fake as T;

afterEach(removeTempDirs);

const OTHER_ORIGINS = [
  'https://evil.example/',
  'http://127.0.0.1:5178/',
  'file:///etc/passwd',
  'drilldesk://evil/index.html',
  'drilldesk://app@evil/x',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
];

describe('the main window', () => {
  /** A BrowserWindow class that records the options it is built with. */
  function recordingWindowClass() {
    const made: BrowserWindowConstructorOptions[] = [];
    class RecordingWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        made.push(options);
      }
    }
    return { made, BrowserWindow: asElectron<typeof import('electron').BrowserWindow>(RecordingWindow) };
  }

  it('is created sandboxed and isolated, with no Node, no webviews and no insecure content', () => {
    const { made, BrowserWindow } = recordingWindowClass();
    mainWindowOf(BrowserWindow, { bounds: { width: 1200, height: 800 }, preload: '/app/dist-electron/preload.cjs', packaged: true });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ width: 1200, height: 800 });
    expect(made[0].webPreferences).toEqual({
      preload: '/app/dist-electron/preload.cjs',
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
      devTools: false,
    });
  });

  it('has DevTools only in development, never in a packaged build', () => {
    const { made, BrowserWindow } = recordingWindowClass();
    mainWindowOf(BrowserWindow, { bounds: { width: 1200, height: 800 }, preload: 'p', packaged: true });
    mainWindowOf(BrowserWindow, { bounds: { width: 1200, height: 800 }, preload: 'p', packaged: false });
    expect(made.map((options) => options.webPreferences?.devTools)).toEqual([false, true]);
  });

  it('opens at the saved size when it is usable, else at 1440 × 900', () => {
    expect(windowBoundsOf({ width: 1000, height: 700, x: 5, y: 6 })).toEqual({ width: 1000, height: 700, x: 5, y: 6 });
    for (const saved of [undefined, null, 'big', { width: 100, height: 100 }, { width: '1000', height: 700 }]) expect(windowBoundsOf(saved)).toEqual({ width: 1440, height: 900 });
  });
});

describe('every web contents', () => {
  function hardened() {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    hardenContents(asElectron(contents), async (url) => {
      opened.push(url);
    });
    return { contents, opened };
  }

  it('may navigate, redirect and navigate frames within the app', () => {
    const { contents } = hardened();
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)
      for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#/scenario/abc`]) expect(contents.navigate(kind, url), `${kind} ${url}`).toBe(true);
  });

  it('is kept from navigating, being redirected or navigating a frame to another origin', () => {
    const { contents, opened } = hardened();
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)
      for (const url of OTHER_ORIGINS) expect(contents.navigate(kind, url, kind !== 'will-frame-navigate'), `${kind} ${url}`).toBe(false);
    expect(opened).toEqual([]);
  });

  it('cannot attach a webview', () => {
    expect(hardened().contents.attachWebview(`${APP_ORIGIN}/index.html`)).toBe(false);
  });

  it('gets no new window from window.open; an allowlisted https link goes to the browser instead', () => {
    const { contents, opened } = hardened();
    const help = `https://${EXTERNAL_URL_ALLOWLIST[0]}/xxgk/`;
    expect(contents.windowOpen(help)).toBe('deny');
    for (const url of [...OTHER_ORIGINS, `${APP_ORIGIN}/index.html`, 'http://www.mee.gov.cn/', 'smb://server/share']) expect(contents.windowOpen(url), url).toBe('deny');
    expect(opened).toEqual([help]);
  });

  it('is the one guard: without it the fake lets everything through (so the checks above can fail)', () => {
    const bare = new FakeWebContents();
    expect(bare.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(bare.windowOpen('https://evil.example/')).toBe('allow');
    expect(bare.attachWebview('https://evil.example/')).toBe(true);
  });
});

describe('permissions', () => {
  it('are all refused: requests, checks and devices', async () => {
    const session = new FakeSession();
    expect(await session.requestPermission('media')).toBe(true); // Electron's default, before the handlers
    denyPermissions(asElectron(session));
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(await session.requestPermission(permission), permission).toBe(false);
      expect(session.hasPermission(permission), permission).toBe(false);
    }
    for (const device of ['usb', 'hid', 'serial']) expect(session.mayUseDevice(device), device).toBe(false);
  });
});

describe('IPC', () => {
  const app = topFrameOf(`${APP_ORIGIN}/index.html#/`);

  function bound() {
    const ipcMain = new FakeIpcMain();
    const calls: [string, unknown][] = [];
    bindApiIpc(asElectron(ipcMain), async (method, arg) => {
      calls.push([method, arg]);
      return { ok: true, value: `served ${method}` };
    });
    return { ipcMain, calls };
  }

  it('has one channel per contract operation, relayed to the back end from the app window', async () => {
    const { ipcMain, calls } = bound();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(channelOf).sort());
    expect(await ipcMain.invoke(channelOf('getScenario'), app, { id: 's1' })).toEqual({ ok: true, value: 'served getScenario' });
    expect(calls).toEqual([['getScenario', { id: 's1' }]]);
  });

  it('answers a call from a subframe, another page or an unknown frame with the unauthorized envelope, and never serves it', async () => {
    const { ipcMain, calls } = bound();
    const senders = [subFrameOf(app, `${APP_ORIGIN}/index.html`), subFrameOf(app, 'https://evil.example/'), topFrameOf('https://evil.example/'), topFrameOf('file:///tmp/x.html'), null];
    for (const frame of senders) {
      const answer = (await ipcMain.invoke(channelOf('deleteScenario'), frame, { id: 's1' })) as Envelope<unknown>;
      expect(answer, JSON.stringify(frame?.url ?? null)).toEqual(UNAUTHORIZED_ENVELOPE);
      expect(!answer.ok && answer.error.code).toBe('unauthorized');
    }
    expect(calls).toEqual([]);
  });

  it('prints to PDF only for the app window, where the user chose', async () => {
    const ipcMain = new FakeIpcMain();
    const dir = tempDir();
    const asked: unknown[] = [];
    let answer: { canceled: boolean; filePath?: string } = { canceled: false, filePath: path.join(dir, 'out.pdf') };
    bindPrintIpc(asElectron(ipcMain), {
      showSaveDialog: async (options) => {
        asked.push(options);
        return answer;
      },
    });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(['drilldesk:print', 'drilldesk:print-to-pdf']);

    const stranger = new FakeWebContents();
    expect(await ipcMain.invoke('drilldesk:print-to-pdf', topFrameOf('https://evil.example/'), { fileName: 'x.pdf' }, stranger)).toEqual({ saved: false, path: null });
    expect(await ipcMain.invoke('drilldesk:print', subFrameOf(app, APP_ORIGIN), undefined, stranger)).toEqual({ printed: false });
    expect([asked, stranger.pdfRequests, stranger.printRequests]).toEqual([[], [], []]);

    const window = new FakeWebContents();
    expect(await ipcMain.invoke('drilldesk:print-to-pdf', app, { fileName: '../演练:脚本?.pdf', landscape: true }, window)).toEqual({ saved: true, path: path.join(dir, 'out.pdf') });
    expect(asked).toEqual([{ defaultPath: '.._演练_脚本_.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] }]);
    expect(window.pdfRequests).toEqual([{ pageSize: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }]);
    expect(fs.readFileSync(path.join(dir, 'out.pdf'), 'utf8')).toMatch(/^%PDF/);

    answer = { canceled: true };
    expect(await ipcMain.invoke('drilldesk:print-to-pdf', app, {}, window)).toEqual({ saved: false, path: null });
    expect(await ipcMain.invoke('drilldesk:print', app, undefined, window)).toEqual({ printed: true });
  });
});

describe('a single instance', () => {
  it('focuses the first window, restoring it, when DrillDesk is launched again', () => {
    const app = new FakeApp();
    const window = new FakeWindow();
    window.minimized = true;
    expect(holdSingleInstance(asElectron(app), () => asElectron(window))).toBe(true);
    expect(app.quitCalls).toBe(0);
    app.launchAgain();
    expect(window).toMatchObject({ minimized: false, focused: true });
  });

  it('quits when another DrillDesk holds the lock', () => {
    const app = new FakeApp();
    app.lockHeldElsewhere = true;
    expect(holdSingleInstance(asElectron(app), () => null)).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listeners.get('second-instance')).toBeUndefined();
  });

  it('does nothing on a second launch before its window exists', () => {
    const app = new FakeApp();
    holdSingleInstance(asElectron(app), () => null);
    expect(() => app.launchAgain()).not.toThrow();
  });
});

describe('the app protocol (drilldesk://app)', () => {
  function renderer() {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>DrillDesk</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), 'secret');
    return dir;
  }
  const fetchFile = async (fileUrl: string) => new Response(fs.readFileSync(new URL(fileUrl)), { headers: { 'Content-Type': 'text/plain' } });

  it('serves the renderer files with the CSP and nosniff headers', async () => {
    const dir = renderer();
    for (const file of ['index.html', 'assets/app.js']) {
      const response = await appResponseOf(`${APP_ORIGIN}/${file}`, dir, fetchFile);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(await response.text()).toBe(fs.readFileSync(path.join(dir, file), 'utf8'));
    }
  });

  it('answers 404 for another host, a path out of the renderer folder, a folder or a missing file', async () => {
    const dir = renderer();
    const secret = `${path.basename(dir)}-secret.txt`;
    for (const url of ['drilldesk://evil/index.html', `${APP_ORIGIN}/../${secret}`, `${APP_ORIGIN}/%2e%2e/${secret}`, `${APP_ORIGIN}/..%2f${secret}`, `${APP_ORIGIN}/assets`, `${APP_ORIGIN}/nope.html`, `${APP_ORIGIN}/%E0%A4%A`])
      expect((await appResponseOf(url, dir, fetchFile)).status, url).toBe(404);
  });
});

describe('the application menu', () => {
  const rolesOf = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? rolesOf(item.submenu) : [])]);

  it('is removed in a packaged build on Windows and Linux, so neither Reload nor DevTools has a shortcut', () => {
    expect(applicationMenuOf(true, 'win32')).toBeNull();
    expect(applicationMenuOf(true, 'linux')).toBeNull();
  });

  it('on macOS keeps the app and Edit menus (copy and paste need them), without Reload or DevTools', () => {
    const roles = rolesOf(applicationMenuOf(true, 'darwin')!);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'undo']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'fileMenu', 'editMenu', 'appMenu']) expect(roles).not.toContain(role);
  });

  it("stays Electron's default in development", () => {
    expect(applicationMenuOf(false, 'linux')).toBeUndefined();
  });
});

describe('URL rules (electron/security.ts)', () => {
  it('lets the window show only the app pages', () => {
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#/scenario/abc`, `${APP_ORIGIN}/assets/x.js`]) expect(isAppUrl(url), url).toBe(true);
    for (const url of [...OTHER_ORIGINS, 'https://app/index.html', '', 'not a url']) expect(isAppUrl(url), url).toBe(false);
  });

  it('opens only https links to allowlisted hosts in the browser', () => {
    for (const host of EXTERNAL_URL_ALLOWLIST) expect(isAllowedExternalUrl(`https://${host}/xxgk/`)).toBe(true);
    for (const url of [
      'http://www.mee.gov.cn/',
      'https://www.mee.gov.cn.evil.example/',
      'https://evil.example/?www.mee.gov.cn',
      'https://user:pass@www.mee.gov.cn/',
      'https://evil.example@www.mee.gov.cn.evil.example/',
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'data:text/html,x',
      ' https://www.mee.gov.cn',
      'https://www.mee.gov.cn/a\nb',
      'https://www.mee.gov.cn/\u0000',
      '//www.mee.gov.cn/',
      'not a url',
    ])
      expect(isAllowedExternalUrl(url), url).toBe(false);
  });

  it('accepts only the loopback names on the right port as Host', () => {
    expect(isAllowedHostHeader('127.0.0.1:5178', 5178)).toBe(true);
    expect(isAllowedHostHeader('localhost:5178', 5178)).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', '127.0.0.1:5179', 'evil.example:5178', 'localhost.evil.example:5178', '0.0.0.0:5178', '[::1]:5178'])
      expect(isAllowedHostHeader(host, 5178), String(host)).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  const directivesOf = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  const csp = directivesOf(CONTENT_SECURITY_POLICY);

  it('is strict: nothing by default, scripts and styles only from the app, nothing inline, no eval, no remote origin', () => {
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  // A text check: electronegativity reads the policy from the page itself, so it is written there
  // as well as sent as a header; this keeps the two copies equal.
  it('is also in the page itself, the same apart from frame-ancestors (not allowed in a meta tag)', () => {
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(read('renderer/index.html'));
    expect(meta).not.toBeNull();
    const inPage = directivesOf(meta![1]);
    expect(new Map([...csp].filter(([name]) => name !== 'frame-ancestors'))).toEqual(inPage);
  });
});

describe('the renderer source', () => {
  const filesUnder = (dir: string): string[] =>
    fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(relative) : /\.(ts|tsx|html)$/.test(entry.name) ? [relative] : [];
    });

  // A text check: that no screen ever turns text into markup is a property of all the source,
  // which no single run of the app can show (tests/e2e/backups.spec.ts shows one screen doing it right).
  it('never sets raw HTML or evaluates strings', () => {
    const files = [...filesUnder('renderer'), ...filesUnder('shared')];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = read(file);
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/);
    }
  });
});

describe('the packaged binary’s fuses (scripts/afterPack.cjs)', () => {
  const require = createRequire(import.meta.url);
  const afterPack = require('../../scripts/afterPack.cjs') as { applyFuses: (file: string, target?: { platform: string; arch: string }) => Promise<void> };
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const [ENABLED, DISABLED] = ['1'.charCodeAt(0), '0'.charCodeAt(0)];

  /**
   * A stand-in for Electron 39's binary: code around a fuse wire of nine fuses (the ninth,
   * WasmTrapHandlers, unknown to @electron/fuses 1.8), each set the opposite of what DrillDesk wants.
   */
  function fakeElectronBinary(): string {
    const file = path.join(tempDir(), 'drilldesk');
    const wire = '101100111';
    fs.writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF fake code '.repeat(100)), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from(' more code')]));
    return file;
  }

  it('are flipped by the afterPack hook: no RunAsNode, NODE_OPTIONS or inspect flags, file:// without extra privileges, asar integrity and asar only, cookies encrypted', async () => {
    const file = fakeElectronBinary();
    const before = await getCurrentFuseWire(file);
    expect(before[FuseV1Options.RunAsNode]).toBe(ENABLED);
    expect(before[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLED);
    await afterPack.applyFuses(file, { platform: 'linux', arch: 'x64' });
    const wire = await getCurrentFuseWire(file);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      browserSnapshot: wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
      wasmTrapHandlers: (wire as Record<number, unknown>)[8],
    }).toEqual({
      runAsNode: DISABLED,
      cookieEncryption: ENABLED,
      nodeOptions: DISABLED,
      inspectArguments: DISABLED,
      asarIntegrity: ENABLED,
      onlyFromAsar: ENABLED,
      browserSnapshot: DISABLED,
      fileProtocolPrivileges: DISABLED,
      wasmTrapHandlers: ENABLED, // not ours to change: left as Electron ships it
    });
    // Only the wire changed: the bytes around it are the binary's own.
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(bytes.length - 10).toString()).toBe(' more code');
  });

  it('refuses a binary without a fuse wire instead of packaging it unflipped', async () => {
    const file = path.join(tempDir(), 'not-electron');
    fs.writeFileSync(file, 'no sentinel here');
    await expect(afterPack.applyFuses(file, { platform: 'linux', arch: 'x64' })).rejects.toThrow(/sentinel/);
  });

  // A config check: electron-builder is not installed here (it is large and downloads Electron), so
  // that it calls the hook can only be read from its configuration.
  it('is the afterPack hook of the packaging configuration, which packs the app into an asar', () => {
    const config = JSON.parse(read('electron-builder.json')) as Record<string, unknown>;
    expect(config.afterPack).toBe('scripts/afterPack.cjs');
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toBeUndefined(); // one place flips them
    expect(typeof require('../../scripts/afterPack.cjs')).toBe('function');
  });
});

describe('the electronegativity gate (scripts/electronegativity.ts)', () => {
  const finding = (check: string, severity: string): Finding => ({ check, severity, confidence: 'FIRM', file: 'electron/main.ts', location: '1:1', sample: '', description: '' });
  const accepted = acceptedChecksOf(
    ['| Check | Severity | Where | Why it does not apply |', '|---|---|---|---|', '| `PRELOAD_JS_CHECK` | MEDIUM | electron/main.ts | the preload exposes only the contract, tested |', '| `SHORT_CHECK` | MEDIUM | x | too short |'].join('\n'),
  );

  it('fails on any HIGH finding, listed or not', () => {
    expect(failuresOf([finding('PRELOAD_JS_CHECK', 'HIGH')], accepted)).toHaveLength(1);
  });

  it('fails on a MEDIUM finding unless its check is listed with a reason', () => {
    expect(failuresOf([finding('PRELOAD_JS_CHECK', 'MEDIUM')], accepted)).toEqual([]);
    expect(failuresOf([finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM')], accepted)).toHaveLength(1);
    expect(failuresOf([finding('SHORT_CHECK', 'MEDIUM')], accepted)).toHaveLength(1);
    expect(failuresOf([finding('CSP_GLOBAL_CHECK', 'LOW')], accepted)).toEqual([]);
  });

  it('reads the accepted checks, each with its reason, from the security documentation', () => {
    const documented = acceptedChecksOf(read('README.md'));
    expect(documented.size).toBeGreaterThan(0);
    for (const reason of documented.values()) expect(reason.length).toBeGreaterThanOrEqual(20);
  });

  // A text check: the test command's stages are a script, not something a unit test can run.
  it('is a stage of the test command', () => {
    expect(read('scripts/test.ts')).toContain("'scripts/electronegativity.ts'");
  });
});
