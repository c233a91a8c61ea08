/**
 * Sharing over HTTPS (联网导调): the seats' server on 127.0.0.1 with its
 * self-signed certificate, reached with Node's https client trusting exactly
 * that certificate; the fingerprint the host is told, the one `/seat/info`
 * gives the join page and the one the TLS handshake presents are one; the
 * certificate and its 0600 key are kept in the data folder and used again
 * after a restart, and made anew for another address or near expiry. Real
 * servers, a real SQLite file, real files.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, SeatServerInfo, SharingStatus } from '../../shared/api';
import { privateInterfacesOf } from '../../shared/seats';
import type { Backend } from '../../electron/core/backend';
import { CERT_FILE, CERT_VALID_MS, CERTIFICATE_FOLDER, KEY_FILE, seatCertificateOf } from '../../electron/web/certificate';
import { liveSharingOf, type LiveSharing } from '../../electron/web/liveSharing';
import { openTestBackend, removeTempDirs, tempDir } from '../support/storage';

const LOOPBACK = '127.0.0.1';
const COMPOSITE = '2026年汛期水环境安全应急实战演练';
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

type Answer = { status: number; body: string; fingerprint256: string | undefined };

/** One HTTPS request trusting `ca` only (the host's certificate), with the fingerprint of the certificate the server presented. */
function httpsRequest(port: number, ca: string | undefined, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: LOOPBACK, port, method: options.method ?? 'GET', path: options.path, ca, agent: false, headers: { Host: `${LOOPBACK}:${port}`, ...options.headers } },
      (res) => {
        const fingerprint256 = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), fingerprint256 }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let backend: Backend | null = null;
let live: LiveSharing | null = null;

/** The host as browser mode and the desktop app compose it, on `dataDir`, sharing on 127.0.0.1 (the tests' interface). */
function hostOn(dataDir: string) {
  backend ??= openTestBackend(dataDir);
  live = liveSharingOf(backend, { rendererDir: tempDir(), dataDir, interfaces: () => [{ name: 'lo', address: LOOPBACK }] });
  return live;
}

async function call<T>(method: string, arg: unknown): Promise<T> {
  const envelope = (await live!.sharing.call(method, arg)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.key}`);
  return envelope.value;
}

async function runningRun(): Promise<string> {
  const summary = (await call<{ id: string; title: string }[]>('listScenarios', {})).find((s) => s.title === COMPOSITE)!;
  return (await call<{ id: string }>('createRun', { scenarioId: summary.id, name: '联网演练' })).id;
}

afterEach(async () => {
  await live?.sharing.close();
  live = null;
  backend?.close();
  backend = null;
  removeTempDirs();
});

describe('sharing over HTTPS', () => {
  it('serves the seats over TLS with its certificate, whose fingerprint the host and the join page are given', async () => {
    const dataDir = tempDir('drilldesk-https-');
    hostOn(dataDir);
    const runId = await runningRun();
    const status = await call<SharingStatus>('startSharing', { runId, address: LOOPBACK, https: true });
    const shared = status.shared!;
    expect(shared).toMatchObject({ scheme: 'https', url: `https://${LOOPBACK}:${shared.port}/` });
    expect(shared.fingerprint256).toMatch(FINGERPRINT);

    const cert = fs.readFileSync(path.join(dataDir, CERTIFICATE_FOLDER, CERT_FILE), 'utf8');
    expect(new X509Certificate(cert).checkIP(LOOPBACK)).toBe(LOOPBACK);
    const info = await httpsRequest(shared.port, cert, { path: '/seat/info' });
    expect(info.status).toBe(200);
    expect(info.fingerprint256).toBe(shared.fingerprint256);
    expect(JSON.parse(info.body)).toEqual({ ok: true, value: { scheme: 'https', fingerprint256: shared.fingerprint256 } satisfies SeatServerInfo });

    // A seat joins over it; the Origin allowed is the https one.
    const { code } = await call<{ code: string }>('createSeat', { runId, seat: { kind: 'observer', name: '观摩' } });
    const crossScheme = await httpsRequest(shared.port, cert, { method: 'POST', path: '/seat/join', headers: { Origin: `http://${LOOPBACK}:${shared.port}` }, body: JSON.stringify({ code }) });
    expect(crossScheme.status).toBe(403);
    const joined = await httpsRequest(shared.port, cert, { method: 'POST', path: '/seat/join', headers: { Origin: `https://${LOOPBACK}:${shared.port}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(JSON.parse(joined.body)).toMatchObject({ ok: true, value: { seat: { name: '观摩' } } });
  });

  it('is refused by a client that does not trust the certificate, and speaks no plain HTTP', async () => {
    const dataDir = tempDir('drilldesk-https-');
    hostOn(dataDir);
    const status = await call<SharingStatus>('startSharing', { runId: await runningRun(), address: LOOPBACK, https: true });
    await expect(httpsRequest(status.shared!.port, undefined, { path: '/seat/info' })).rejects.toThrow(/self[- ]signed/i);
    const plain = await new Promise<string>((resolve) => {
      const req = http.get({ host: LOOPBACK, port: status.shared!.port, path: '/seat/info', headers: { Host: `${LOOPBACK}:${status.shared!.port}` } }, (res) => resolve(`HTTP ${res.statusCode}`));
      req.on('error', (error) => resolve(error.message));
    });
    expect(plain).not.toBe('HTTP 200');
  });

  it('keeps the certificate and its 0600 key in the data folder and serves the same one after a restart', async () => {
    const dataDir = tempDir('drilldesk-https-');
    hostOn(dataDir);
    const runId = await runningRun();
    const first = (await call<SharingStatus>('startSharing', { runId, address: LOOPBACK, https: true })).shared!;
    const keyFile = path.join(dataDir, CERTIFICATE_FOLDER, KEY_FILE);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, CERTIFICATE_FOLDER)).mode & 0o077).toBe(0);
    const key = fs.readFileSync(keyFile, 'utf8');

    // The host restarts: a new sharing host on the same data folder (the back end stays; only sharing is restarted).
    await live!.sharing.close();
    fs.chmodSync(keyFile, 0o644);
    hostOn(dataDir);
    const second = (await call<SharingStatus>('startSharing', { runId, address: LOOPBACK, https: true })).shared!;
    expect(second.fingerprint256).toBe(first.fingerprint256);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const cert = fs.readFileSync(path.join(dataDir, CERTIFICATE_FOLDER, CERT_FILE), 'utf8');
    expect((await httpsRequest(second.port, cert, { path: '/seat/info' })).fingerprint256).toBe(first.fingerprint256);
  });

  it('resumes sharing over HTTPS after a restart: the same address, port, scheme and certificate', async () => {
    const dataDir = tempDir('drilldesk-https-');
    hostOn(dataDir);
    const runId = await runningRun();
    const first = (await call<SharingStatus>('startSharing', { runId, address: LOOPBACK, https: true })).shared!;

    // The host goes away without stopping sharing (as a crash would); a new host on the same data folder resumes it.
    await live!.sharing.close();
    hostOn(dataDir);
    const resumed = await live!.sharing.resume();
    expect(resumed).toMatchObject({ shared: { runId, address: LOOPBACK, port: first.port, scheme: 'https', fingerprint256: first.fingerprint256 }, notResumed: null });
    const cert = fs.readFileSync(path.join(dataDir, CERTIFICATE_FOLDER, CERT_FILE), 'utf8');
    expect((await httpsRequest(first.port, cert, { path: '/seat/info' })).fingerprint256).toBe(first.fingerprint256);
  });

  it('makes a new certificate for an address the kept one does not name, and before the kept one expires', async () => {
    const dataDir = tempDir('drilldesk-https-');
    const now = Date.parse('2026-06-01T08:00:00Z');
    const made = await seatCertificateOf(dataDir, '192.168.1.20', now);
    expect(made.created).toBe(true);
    expect(await seatCertificateOf(dataDir, '192.168.1.20', now + 24 * 3600 * 1000)).toMatchObject({ created: false, fingerprint256: made.fingerprint256 });

    const moved = await seatCertificateOf(dataDir, '10.0.0.7', now);
    expect(moved.created).toBe(true);
    expect(moved.fingerprint256).not.toBe(made.fingerprint256);
    expect(new X509Certificate(moved.cert).checkIP('10.0.0.7')).toBe('10.0.0.7');

    const renewed = await seatCertificateOf(dataDir, '10.0.0.7', now + CERT_VALID_MS - 3600 * 1000);
    expect(renewed.created).toBe(true);
    expect(renewed.fingerprint256).not.toBe(moved.fingerprint256);

    // A damaged key is not used: a new pair replaces it.
    fs.writeFileSync(path.join(dataDir, CERTIFICATE_FOLDER, KEY_FILE), 'not a key');
    const repaired = await seatCertificateOf(dataDir, '10.0.0.7', now + CERT_VALID_MS - 3600 * 1000);
    expect(repaired.created).toBe(true);
    expect(fs.statSync(path.join(dataDir, CERTIFICATE_FOLDER, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('stays plain HTTP unless asked, with no fingerprint', async () => {
    hostOn(tempDir('drilldesk-https-'));
    const shared = (await call<SharingStatus>('startSharing', { runId: await runningRun(), address: LOOPBACK })).shared!;
    expect(shared).toMatchObject({ scheme: 'http', url: `http://${LOOPBACK}:${shared.port}/`, fingerprint256: null });
    const info = await new Promise<string>((resolve, reject) =>
      http.get({ host: LOOPBACK, port: shared.port, path: '/seat/info', headers: { Host: `${LOOPBACK}:${shared.port}` } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve(body));
      }).on('error', reject),
    );
    expect(JSON.parse(info)).toEqual({ ok: true, value: { scheme: 'http', fingerprint256: null } });
  });
});

describe('the composition both hosts use (web/liveSharing.ts)', () => {
  it('offers this machine’s private interfaces by default', async () => {
    const dataDir = tempDir('drilldesk-https-');
    backend = openTestBackend(dataDir);
    live = liveSharingOf(backend, { rendererDir: tempDir(), dataDir });
    expect(await live.sharing.call('listNetworkInterfaces', {})).toEqual({ ok: true, value: privateInterfacesOf(os.networkInterfaces()) });
  });

  it('refuses HTTPS where no data folder keeps its certificate', async () => {
    const { sharingHostOf } = await import('../../electron/web/sharing');
    const { eventHubOf } = await import('../../electron/web/events');
    backend = openTestBackend(tempDir('drilldesk-https-'));
    const host = sharingHostOf({ backend, hub: eventHubOf(), rendererDir: tempDir(), interfaces: () => [{ name: 'lo', address: LOOPBACK }] });
    const summary = (backend.service().listScenarios({}) as { id: string; title: string }[]).find((s) => s.title === COMPOSITE)!;
    const run = backend.service().createRun({ scenarioId: summary.id, name: '联网演练' }) as { id: string };
    expect(await host.call('startSharing', { runId: run.id, address: LOOPBACK, https: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument', key: 'errors.seat.httpsUnavailable' } });
    expect(await host.call('sharingStatus', {})).toMatchObject({ ok: true, value: { shared: null } });
  });
});
