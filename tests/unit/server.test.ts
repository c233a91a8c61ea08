/**
 * The browser-mode server's guards, each against the real server on a real
 * back end: loopback only, the Host check against DNS rebinding (403), the
 * per-launch token (401), the body limit (413, nothing written), no CORS,
 * and the CSP sent as a header.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { MAX_BODY_BYTES, startWebServer, TOKEN_HEADER, type WebServer } from '../../electron/web/server';
import { dumpOf, openTestBackend, removeTempDirs, tempDir } from '../support/storage';

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

let backend: Backend;
let web: WebServer;
let dbFile: string;

beforeAll(async () => {
  const dataDir = tempDir();
  backend = openTestBackend(dataDir);
  dbFile = path.join(dataDir, DB_FILE);
  // A renderer folder of its own, so these tests do not depend on a build.
  const base = tempDir();
  const rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>DrillDesk</title>');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET next to the renderer folder');
  web = await startWebServer({ backend, rendererDir, port: 0 });
});
afterAll(async () => {
  await web.close();
  backend.close();
  removeTempDirs();
});

/** A raw request, so that Host, Origin and the body can be anything. */
function request(options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Buffer | string; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: web.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${web.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      // Chunked, with no Content-Length: the limit must hold while streaming.
      const write = (i: number) => {
        if (i === options.chunks!.length || req.destroyed) return void req.end();
        req.write(options.chunks![i], () => write(i + 1));
      };
      write(0);
    } else req.end(options.body);
  });
}

const apiCall = (method: string, arg: unknown, headers: Record<string, string | number> = {}) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', [TOKEN_HEADER]: web.token, ...headers }, body: JSON.stringify(arg) });

const newScenario = { meta: { title: '越权创建的演练' } };

describe('the browser-mode server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((entry): entry is os.NetworkInterfaceInfo => !!entry && !entry.internal && entry.family === 'IPv4');
    for (const { address } of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: web.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it('answers a call with the token and the right Host', async () => {
    const answer = await apiCall('listTemplates', {});
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).ok).toBe(true);
  });

  it('refuses a Host other than 127.0.0.1 or localhost on its port with 403 (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${web.port}`, '127.0.0.1', `127.0.0.1:${web.port + 1}`, `localhost.evil.example:${web.port}`, `[::1]:${web.port}`, `127.0.0.2:${web.port}`]) {
      const before = dumpOf(dbFile);
      const answer = await apiCall('createScenario', newScenario, { host });
      expect(answer.status, host).toBe(403);
      expect(JSON.parse(answer.body).ok).toBe(false);
      expect(dumpOf(dbFile)).toBe(before);
      expect((await request({ path: '/', headers: { host } })).status, `page for ${host}`).toBe(403);
    }
    expect((await request({ path: '/', headers: { host: `localhost:${web.port}` } })).status).toBe(200);
  });

  it('refuses a call without the token, or with a wrong one, with 401 and changes nothing', async () => {
    const before = dumpOf(dbFile);
    for (const token of [undefined, '', 'x', web.token.slice(1), `${web.token}x`, web.token.toUpperCase()]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token !== undefined) headers[TOKEN_HEADER] = token;
      const answer = await request({ method: 'POST', path: '/api/createScenario', headers, body: JSON.stringify(newScenario) });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    // Not from the query string either: only the header counts.
    const viaQuery = await request({ method: 'POST', path: `/api/createScenario?token=${web.token}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(newScenario) });
    expect(viaQuery.status).toBe(401);
    expect(dumpOf(dbFile)).toBe(before);
  });

  it('refuses a body over the limit with 413 and writes nothing, declared or streamed', async () => {
    const before = dumpOf(dbFile);
    const oversized = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
    const declared = await request({
      method: 'POST',
      path: '/api/importScenario',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: web.token, 'content-length': oversized.length },
      body: oversized,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'too-large' } });

    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const streamed = await request({
      method: 'POST',
      path: '/api/importScenario',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: web.token },
      chunks: Array.from({ length: Math.ceil(MAX_BODY_BYTES / chunk.length) + 2 }, () => chunk),
    });
    expect(streamed.status).toBe(413);
    expect(dumpOf(dbFile)).toBe(before);
    // And the server goes on serving.
    expect((await apiCall('listTemplates', {})).status).toBe(200);
  });

  it('sends no CORS header, refuses preflights and cross-origin calls', async () => {
    const answers = [
      await apiCall('listScenarios', {}, { origin: 'https://evil.example' }),
      await request({ method: 'OPTIONS', path: '/api/createScenario', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': TOKEN_HEADER } }),
      await apiCall('listScenarios', {}),
      await request({ path: '/', headers: { origin: 'https://evil.example' } }),
    ];
    for (const answer of answers) for (const header of Object.keys(answer.headers)) expect(header).not.toMatch(/^access-control-/);
    expect(answers[0].status).toBe(403);
    expect(answers[1].status).toBe(405);
    const sameOrigin = await apiCall('listScenarios', {}, { origin: `http://127.0.0.1:${web.port}` });
    expect(sameOrigin.status).toBe(200);
  });

  it('sends the strict CSP and the other security headers with pages and API answers', async () => {
    for (const answer of [await request({ path: '/' }), await request({ path: '/index.html' }), await apiCall('listTemplates', {}), await request({ path: '/nope.js' })]) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'; script-src 'self';/);
  });

  it('serves only files inside the renderer folder', async () => {
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/%E0%A4%A', '/index.html%00.js']) {
      const answer = await request({ path: target });
      expect(answer.status, target).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
      expect(answer.body).not.toContain('SECRET');
      expect(answer.body).not.toContain('root:');
    }
  });

  it('refuses API calls that are not POST, and unknown operations, without a stack trace', async () => {
    expect((await request({ path: '/api/listScenarios' })).status).toBe(405);
    const unknown = await apiCall('constructor', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const broken = await request({ method: 'POST', path: '/api/listScenarios', headers: { [TOKEN_HEADER]: web.token }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(broken.body).not.toMatch(/\n\s+at /);
  });
});
