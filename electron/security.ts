/**
 * Security configuration shared by the desktop shell and browser mode.
 * Pure data and functions, no `electron` import, so tests can check it on
 * machines where Electron cannot run.
 */

/**
 * The Content-Security-Policy of every page. Scripts and styles only from the
 * app's own files; no inline scripts, no inline styles, no eval, no remote
 * anything. (React and React Flow set element styles through the CSSOM,
 * `element.style`, which a CSP does not govern, so no `style-src-attr
 * 'unsafe-inline'` is needed; the end-to-end tests fail on any CSP violation.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Response headers sent with every page and API answer in browser mode. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
  'Cache-Control': 'no-store',
};

/** The desktop app's own pages are loaded from this custom scheme. */
export const APP_SCHEME = 'drilldesk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** True when `url` is one of the app's own pages (the only place the window may navigate). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Hosts the app may open in the user's browser (help pages); anything else is refused. */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = ['www.mee.gov.cn', 'www.mem.gov.cn'];

/**
 * True when `url` may be handed to `shell.openExternal`: https only, and an
 * allowlisted host. No whitespace or control characters anywhere: `new URL`
 * would quietly drop them, but the string given to the OS would keep them.
 */
export function isAllowedExternalUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && EXTERNAL_URL_ALLOWLIST.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** True when `host` (a Host header) names this browser-mode server: loopback by name or number, on its port. */
export function isAllowedHostHeader(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
