/**
 * The Electron security checklist, checked where Electron cannot run: the
 * window settings read from electron/main.ts as written (literals), the
 * navigation, window-open, permission and IPC rules found in its source, the
 * pure URL and CSP rules of electron/security.ts, the preload exposing only
 * the contract's names, no raw HTML in the renderer, the packaging fuses, and
 * the electronegativity gate's rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api';
import { API_CHANNEL_PREFIX } from '../../electron/channels';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  isAllowedExternalUrl,
  isAllowedHostHeader,
  isAppUrl,
  SECURITY_HEADERS,
} from '../../electron/security';
import { acceptedChecksOf, failuresOf, type Finding } from '../../scripts/electronegativity';
import { repoRoot } from '../support/storage';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const sourceOf = (file: string) => ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

function nodesOf<T extends ts.Node>(root: ts.Node, test: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: ts.Node) => {
    if (test(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** `{ a: true, b: 'x' }` as `{ a: 'true', b: "'x'" }`: each property's initializer as written. */
function propertiesOf(literal: ts.ObjectLiteralExpression): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property)) properties[property.name.getText()] = property.initializer.getText();
    else properties[property.getText()] = '<not a plain property>';
  }
  return properties;
}

const callsOf = (root: ts.Node, name: string) =>
  nodesOf(root, (node): node is ts.CallExpression => ts.isCallExpression(node) && (node.expression.getText() === name || node.expression.getText().endsWith(`.${name}`)));

const main = sourceOf('electron/main.ts');
const preload = sourceOf('electron/preload.ts');

describe('the window (electron/main.ts)', () => {
  const windows = nodesOf(main, (node): node is ts.NewExpression => ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow');
  const webPreferencesOf = (window: ts.NewExpression) => {
    const options = window.arguments?.[0];
    expect(options && ts.isObjectLiteralExpression(options), 'BrowserWindow options written as an object literal').toBe(true);
    const entry = (options as ts.ObjectLiteralExpression).properties.find((p) => p.name?.getText() === 'webPreferences');
    expect(entry && ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer), 'webPreferences written inline as a literal').toBe(true);
    return propertiesOf((entry as ts.PropertyAssignment).initializer as ts.ObjectLiteralExpression);
  };

  it('is created with explicit literal security settings', () => {
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      expect(webPreferencesOf(window)).toMatchObject({
        contextIsolation: 'true',
        sandbox: 'true',
        nodeIntegration: 'false',
        nodeIntegrationInWorker: 'false',
        nodeIntegrationInSubFrames: 'false',
        webSecurity: 'true',
        allowRunningInsecureContent: 'false',
        webviewTag: 'false',
        navigateOnDragDrop: 'false',
        experimentalFeatures: 'false',
        disableBlinkFeatures: "'Auxclick'",
        preload: "path.join(__dirname, 'preload.cjs')",
      });
    }
  });

  it('turns on no Blink feature and nothing that loosens the sandbox', () => {
    for (const window of windows) {
      const preferences = webPreferencesOf(window);
      for (const loosening of ['enableBlinkFeatures', 'enableRemoteModule', 'allowpopups', 'plugins', 'devTools'] as const)
        expect(preferences[loosening], loosening).toBeUndefined();
    }
    expect(read('electron/main.ts')).not.toMatch(/sandbox:\s*false|contextIsolation:\s*false|nodeIntegration:\s*true|webSecurity:\s*false/);
  });

  it('keeps every web contents on the app pages, with no new windows and no webviews', () => {
    const source = read('electron/main.ts');
    expect(source).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => harden\(contents\)\)/);
    const harden = nodesOf(main, (node): node is ts.FunctionDeclaration => ts.isFunctionDeclaration(node) && node.name?.text === 'harden')[0];
    const text = harden.getText();
    for (const event of ['will-navigate', 'will-redirect'])
      expect(text).toMatch(new RegExp(`contents\\.on\\('${event}', \\(event, url\\) => \\{\\s*if \\(!isAppUrl\\(url\\)\\) event\\.preventDefault\\(\\);`));
    expect(text).toMatch(/contents\.on\('will-attach-webview', \(event\) => event\.preventDefault\(\)\)/);
    const handler = callsOf(harden, 'setWindowOpenHandler')[0];
    expect(handler.getText()).toMatch(/return \{ action: 'deny' \};\s*\}\)$/);
  });

  it('opens external links only through the allowlist', () => {
    const opens = callsOf(main, 'shell.openExternal');
    expect(opens.length).toBeGreaterThan(0);
    for (const open of opens) {
      let guard: ts.Node | undefined = open.parent;
      while (guard && !ts.isIfStatement(guard)) guard = guard.parent;
      expect(guard && (guard as ts.IfStatement).expression.getText()).toBe(`isAllowedExternalUrl(${open.arguments[0].getText()})`);
    }
  });

  it('denies every permission request and check, and device access', () => {
    const source = read('electron/main.ts');
    expect(source).toContain('session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));');
    expect(source).toContain('session.defaultSession.setPermissionCheckHandler(() => false);');
    expect(source).toContain('session.defaultSession.setDevicePermissionHandler(() => false);');
  });

  it('checks the sender frame of every IPC message', () => {
    const handlers = callsOf(main, 'ipcMain.handle');
    expect(handlers.length).toBe(3); // the contract channels (in a loop) and the two printing channels
    for (const handler of handlers) {
      const body = handler.arguments[1];
      expect(ts.isArrowFunction(body) || ts.isFunctionExpression(body)).toBe(true);
      const first = ((body as ts.ArrowFunction).body as ts.Block).statements[0].getText();
      expect(first).toMatch(/^if \(!fromAppFrame\(event\.senderFrame\)\)/);
    }
    const check = nodesOf(main, (node): node is ts.FunctionDeclaration => ts.isFunctionDeclaration(node) && node.name?.text === 'fromAppFrame')[0];
    expect(check.getText()).toMatch(/frame !== null && frame === frame\.top && isAppUrl\(frame\.url\)/);
    expect(main.getText()).not.toMatch(/ipcMain\.on\(/);
  });

  it('serves its pages with the CSP header, and is a single instance that focuses the first', () => {
    const source = read('electron/main.ts');
    expect(source).toContain("headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);");
    expect(source).toMatch(/if \(!app\.requestSingleInstanceLock\(\)\) \{\s*app\.quit\(\);/);
    expect(source).toMatch(/app\.on\('second-instance', \(\) => \{[\s\S]*?mainWindow\.focus\(\);/);
  });
});

describe('the preload (electron/preload.ts)', () => {
  const declaration = (name: string) =>
    nodesOf(preload, (node): node is ts.VariableDeclaration => ts.isVariableDeclaration(node) && node.name.getText() === name)[0].initializer!;

  it('exposes exactly the contract operations, each on its own channel', () => {
    let transport = declaration('transport');
    expect(ts.isSatisfiesExpression(transport) && transport.type.getText()).toBe('DrillTransport');
    transport = (transport as ts.SatisfiesExpression).expression;
    const properties = propertiesOf(transport as ts.ObjectLiteralExpression);
    expect(Object.keys(properties).sort()).toEqual([...API_METHODS].sort());
    for (const [name, value] of Object.entries(properties)) expect(value).toBe(`call('${name}')`);
    const call = declaration('call').getText();
    expect(call).toMatch(/ipcRenderer\.invoke\(channelOf\(method\), arg\)/);
  });

  it('puts only the contract and the two printing functions on the page, never ipcRenderer', () => {
    const exposed = callsOf(preload, 'contextBridge.exposeInMainWorld').map((call) => call.arguments.map((arg) => arg.getText()));
    expect(exposed).toEqual([
      ["'drillDesk'", 'transport'],
      ["'drillDeskDesktop'", 'desktop'],
    ]);
    const desktop = propertiesOf(declaration('desktop') as ts.ObjectLiteralExpression);
    expect(Object.keys(desktop)).toEqual(['printToPdf', 'print']);
    expect(desktop.printToPdf).toContain("ipcRenderer.invoke('drilldesk:print-to-pdf', arg)");
    expect(desktop.print).toContain("ipcRenderer.invoke('drilldesk:print')");
    // ipcRenderer appears only in its import and as `ipcRenderer.invoke(...)`.
    const uses = nodesOf(preload, (node): node is ts.Identifier => ts.isIdentifier(node) && node.text === 'ipcRenderer');
    for (const use of uses)
      expect(ts.isImportSpecifier(use.parent) || (ts.isPropertyAccessExpression(use.parent) && use.parent.name.text === 'invoke' && ts.isCallExpression(use.parent.parent)), use.parent.getText()).toBe(true);
  });

  it('imports nothing at run time but electron and the channel names', () => {
    const imports = preload.statements.filter(ts.isImportDeclaration).filter((i) => !i.importClause?.isTypeOnly);
    expect(imports.map((i) => (i.moduleSpecifier as ts.StringLiteral).text).sort()).toEqual(['./channels', 'electron']);
  });

  it('uses the channels the main process handles', () => {
    expect(read('electron/main.ts')).toContain('ipcMain.handle(channelOf(method)');
    for (const method of API_METHODS) expect(`${API_CHANNEL_PREFIX}${method}`).toMatch(/^drilldesk:api:[A-Za-z]+$/);
    for (const channel of ['drilldesk:print-to-pdf', 'drilldesk:print']) expect(read('electron/main.ts')).toContain(`ipcMain.handle('${channel}'`);
  });
});

describe('URL rules (electron/security.ts)', () => {
  it('lets the window show only the app pages', () => {
    for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#/scenario/abc`, `${APP_ORIGIN}/assets/x.js`]) expect(isAppUrl(url), url).toBe(true);
    for (const url of ['drilldesk://evil/index.html', 'drilldesk://app@evil/x', 'file:///etc/passwd', 'https://app/index.html', 'http://127.0.0.1:5178/', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'about:blank', '', 'not a url'])
      expect(isAppUrl(url), url).toBe(false);
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

  it("is strict: nothing by default, scripts only from the app, no inline script, no eval, no remote origin", () => {
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|https?:|\*/);
    for (const [name, value] of csp) if (name !== 'style-src-attr') expect(value, name).not.toContain('unsafe-inline');
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

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

  it('never sets raw HTML or evaluates strings', () => {
    const files = [...filesUnder('renderer'), ...filesUnder('shared')];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = read(file);
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/);
    }
  });
});

describe('packaging (electron-builder.json)', () => {
  it('flips the Electron fuses: no RunAsNode, no NODE_OPTIONS, no inspect flags, asar integrity, app only from asar', () => {
    const config = JSON.parse(read('electron-builder.json')) as { asar: boolean; electronFuses: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
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

  it('is a stage of the test command', () => {
    expect(read('scripts/test.ts')).toContain("'scripts/electronegativity.ts'");
  });
});
