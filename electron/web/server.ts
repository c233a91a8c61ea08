/**
 * Browser mode: the same renderer and the same back end, over HTTP on
 * 127.0.0.1. A thin transport: static files, and `POST /api/<method>`
 * relayed to `backend.call`. Guards: loopback only, Host header check
 * (DNS rebinding), a per-launch random token, a body size limit, no CORS.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MAX_IMPORT_BYTES, refusedOf, type ApiErrorCode, type Envelope } from '../../shared/api';
import { msg, type Message } from '../../shared/i18n';
import type { Backend } from '../core/backend';
import { isAllowedHostHeader, SECURITY_HEADERS } from '../security';
import { serveEventStream, type EventHub } from './events';

/** Largest request body: the largest import plus room for JSON escaping. */
export const MAX_BODY_BYTES = MAX_IMPORT_BYTES * 2 + 64 * 1024;
export const TOKEN_HEADER = 'x-drilldesk-token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The HTTP status of each error code. */
export const STATUS_OF: Record<ApiErrorCode, number> = {
  'invalid-argument': 400,
  'unknown-method': 404,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'storage-failed': 507,
  unauthorized: 401,
  cancelled: 409,
  'rate-limited': 429,
  internal: 500,
};

export type WebServerOptions = {
  /** Whatever serves the calls: the back end in this thread, or the worker host that relays to it. */
  backend: Pick<Backend, 'call'>;
  /** Live run events for the console (`GET /events/<runId>`, server-sent events); absent: no such route. */
  hub?: EventHub;
  rendererDir: string;
  port: number;
  token?: string;
};

export type WebServer = { server: http.Server; url: string; token: string; port: number; close: () => Promise<void> };

export const newToken = () => randomBytes(24).toString('base64url');

export function sameToken(given: string | undefined, expected: Buffer): boolean {
  if (!given) return false;
  const buffer = Buffer.from(given);
  return buffer.length === expected.length && timingSafeEqual(buffer, expected);
}

export function send(response: http.ServerResponse, status: number, body: string | Buffer, contentType: string) {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

export function sendEnvelope(response: http.ServerResponse, envelope: Envelope<unknown>) {
  const status = envelope.ok ? 200 : STATUS_OF[envelope.error.code];
  send(response, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

export function refuse(response: http.ServerResponse, code: ApiErrorCode, message: Message, status = STATUS_OF[code]) {
  send(response, status, JSON.stringify(refusedOf(code, message)), 'application/json; charset=utf-8');
}

/**
 * Reads a request body up to `limit` bytes; resolves null as soon as it is
 * larger (declared or streamed). The rest is read and dropped rather than the
 * connection cut, so the client gets its 413 instead of a reset.
 */
export function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function serveStatic(rendererDir: string, urlPath: string, response: http.ServerResponse) {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    send(response, 400, 'Bad request', 'text/plain; charset=utf-8');
    return;
  }
  const file = path.resolve(rendererDir, `.${relative}`);
  if (!file.startsWith(path.resolve(rendererDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    send(response, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  send(response, 200, fs.readFileSync(file), CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
}

/** Starts the server on 127.0.0.1; resolves once it listens. Port 0 picks a free port. */
export function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const expected = Buffer.from(token);
  let port = options.port;

  const server = http.createServer(async (request, response) => {
    try {
      if (!isAllowedHostHeader(request.headers.host, port)) {
        refuse(response, 'unauthorized', msg('errors.http.host'), 403);
        return;
      }
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
      const eventsOf = /^\/events\/([A-Za-z0-9_-]{1,100})$/.exec(url.pathname);
      if (eventsOf && options.hub && request.method === 'GET') {
        const origin = request.headers.origin;
        if (origin !== undefined && origin !== `http://${request.headers.host}`) return refuse(response, 'unauthorized', msg('errors.http.crossOrigin'), 403);
        if (!sameToken(request.headers[TOKEN_HEADER] as string | undefined, expected)) return refuse(response, 'unauthorized', msg('errors.http.token'));
        await serveEventStream(request, response, { backend: options.backend, hub: options.hub, runId: eventsOf[1], seatToken: undefined });
        return;
      }
      if (!url.pathname.startsWith('/api/')) {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          refuse(response, 'unknown-method', msg('errors.http.method'), 405);
          return;
        }
        serveStatic(options.rendererDir, url.pathname, response);
        return;
      }
      if (request.method !== 'POST') {
        refuse(response, 'unknown-method', msg('errors.http.post'), 405);
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://${request.headers.host}`) {
        refuse(response, 'unauthorized', msg('errors.http.crossOrigin'), 403);
        return;
      }
      if (!sameToken(request.headers[TOKEN_HEADER] as string | undefined, expected)) {
        refuse(response, 'unauthorized', msg('errors.http.token'));
        return;
      }
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === null) {
        refuse(response, 'too-large', msg('errors.http.bodyTooLarge', { mb: Math.round(MAX_BODY_BYTES / 1024 / 1024) }));
        return;
      }
      let arg: unknown;
      try {
        arg = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        refuse(response, 'invalid-argument', msg('errors.http.notJson'));
        return;
      }
      sendEnvelope(response, await options.backend.call(url.pathname.slice('/api/'.length), arg));
    } catch {
      if (!response.headersSent) refuse(response, 'internal', msg('errors.unexpected'));
      else response.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        server,
        token,
        port,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        // Stop listening and end idle connections; a connection a browser still holds open after a
        // second's grace is ended too, so stopping never waits on an open tab.
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 1000).unref();
          }),
      });
    });
  });
}
