/**
 * Sharing a live run with its seats on the local network (联网导调). The
 * host's browser-mode server stays on 127.0.0.1; sharing starts a second,
 * small server bound to one private interface, which serves the renderer,
 * `POST /seat/join` (a join code for a seat token), `POST /seat/api/<method>`
 * (a seat's calls, with its token, held to its scope by the dispatcher; a
 * body of at most 256 KB, except one photo for `attachPhoto`),
 * `GET /seat/events` (its live events), and `GET /seat/info` (how it is
 * served: the certificate's fingerprint over HTTPS, for the join page). Plain
 * HTTP by default; HTTPS with the certificate of `certificate.ts` when the
 * host asks for it. The browser-mode rules stay: exact Host header,
 * same-origin only (for the scheme served), body limits, no CORS; plus a rate
 * limit per seat and per joining address.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { z } from 'zod';
import { ApiError, SHARING_METHODS, type Envelope, type NotResumedReason, type SeatServerInfo, type SharingService, type SharingStatus } from '../../shared/api';
import { IdSchema } from '../../shared/model';
import { msg } from '../../shared/i18n';
import { MAX_SEAT_PHOTO_BYTES } from '../../shared/images';
import type { NetworkChoice, Seat } from '../../shared/seats';
import { dispatch } from '../core/dispatch';
import { seatCertificateOf } from './certificate';
import { serveEventStream, type Caller, type EventHub } from './events';
import { readBody, refuse, send, sendEnvelope, serveStatic } from './server';

export const SEAT_TOKEN_HEADER = 'x-drilldesk-seat';
/** A seat's request body: events and their text, never files of the host's size. */
export const MAX_SEAT_BODY_BYTES = 256 * 1024;
/**
 * The one larger body a seat sends: one photo for its entry (`attachPhoto`), base64 of at most
 * `MAX_SEAT_PHOTO_BYTES` plus room for its caption and ids. Every other route keeps the small limit.
 */
export const MAX_SEAT_PHOTO_BODY_BYTES = Math.ceil(MAX_SEAT_PHOTO_BYTES / 3) * 4 + 16 * 1024;
const PHOTO_ROUTE = '/seat/api/attachPhoto';

export type RateLimits = {
  /** Calls per second a seat may make on average, and how many at once. */
  seatPerSecond: number;
  seatBurst: number;
  /** Join attempts per minute from one address. */
  joinPerMinute: number;
};
export const DEFAULT_RATE_LIMITS: RateLimits = { seatPerSecond: 20, seatBurst: 60, joinPerMinute: 10 };

/**
 * A token bucket per key: `burst` calls at once, refilled at `perSecond`.
 * `take` answers whether one more call may go now. The clock is injectable.
 */
export function rateLimiterOf(perSecond: number, burst: number, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string): boolean {
      const t = now();
      if (buckets.size > 10_000) buckets.clear();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}

export type SeatServer = { port: number; scheme: 'http' | 'https'; fingerprint256: string | null; close: () => Promise<void> };

/** What an HTTPS seats' server serves with: PEM certificate and key, and the certificate's SHA-256 fingerprint. */
export type SeatTls = { cert: string; key: string; fingerprint256: string };

type SeatServerOptions = {
  backend: Caller;
  hub: EventHub;
  rendererDir: string;
  address: string;
  port: number;
  /** Serve HTTPS with this certificate; plain HTTP without. */
  tls?: SeatTls;
  limits?: Partial<RateLimits>;
  now?: () => number;
};

/** Starts the seats' server on `address` (one interface only); resolves once it listens. */
export function startSeatServer(options: SeatServerOptions): Promise<SeatServer> {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const perSeat = rateLimiterOf(limits.seatPerSecond, limits.seatBurst, options.now);
  const perJoiner = rateLimiterOf(limits.joinPerMinute / 60, limits.joinPerMinute, options.now);
  let port = options.port;
  const scheme = options.tls ? 'https' : 'http';
  const info: SeatServerInfo = { scheme, fingerprint256: options.tls?.fingerprint256 ?? null };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    try {
      if (request.headers.host !== `${options.address}:${port}`) return refuse(response, 'unauthorized', msg('errors.http.host'), 403);
      const url = new URL(request.url ?? '/', `${scheme}://${request.headers.host}`);
      if (!url.pathname.startsWith('/seat/')) {
        if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 'unknown-method', msg('errors.http.method'), 405);
        return serveStatic(options.rendererDir, url.pathname, response);
      }
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `${scheme}://${request.headers.host}`) return refuse(response, 'unauthorized', msg('errors.http.crossOrigin'), 403);

      if (url.pathname === '/seat/info') {
        if (request.method !== 'GET') return refuse(response, 'unknown-method', msg('errors.http.method'), 405);
        return sendEnvelope(response, { ok: true, value: info });
      }

      if (url.pathname === '/seat/join') {
        if (request.method !== 'POST') return refuse(response, 'unknown-method', msg('errors.http.post'), 405);
        if (!perJoiner.take(request.socket.remoteAddress ?? '')) return refuse(response, 'rate-limited', msg('errors.seat.joinRateLimited'));
        const arg = await jsonBodyOf(request, response);
        if (arg === undefined) return;
        return sendEnvelope(response, await options.backend.call('joinSeat', arg));
      }

      const wanted = url.pathname === '/seat/events' ? 'GET' : 'POST';
      if (request.method !== wanted) return refuse(response, 'unknown-method', msg(wanted === 'GET' ? 'errors.http.method' : 'errors.http.post'), 405);
      const token = request.headers[SEAT_TOKEN_HEADER];
      if (typeof token !== 'string' || token === '') return refuse(response, 'unauthorized', msg('errors.seat.token'));
      if (!perSeat.take(token)) return refuse(response, 'rate-limited', msg('errors.seat.rateLimited'));

      if (url.pathname === '/seat/events') {
        const me = await options.backend.call('getMySeat', {}, token);
        if (!me.ok) return sendEnvelope(response, me);
        const seat = me.value as Seat;
        await serveEventStream(request, response, { backend: options.backend, hub: options.hub, runId: seat.runId, seatToken: token, seatId: seat.id });
        return;
      }
      if (url.pathname.startsWith('/seat/api/')) {
        const arg = await jsonBodyOf(request, response, url.pathname === PHOTO_ROUTE ? MAX_SEAT_PHOTO_BODY_BYTES : MAX_SEAT_BODY_BYTES);
        if (arg === undefined) return;
        return sendEnvelope(response, await options.backend.call(url.pathname.slice('/seat/api/'.length), arg, token));
      }
      send(response, 404, 'Not found', 'text/plain; charset=utf-8');
    } catch {
      if (!response.headersSent) refuse(response, 'internal', msg('errors.unexpected'));
      else response.destroy();
    }
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handle) : http.createServer(handle);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        port,
        scheme,
        fingerprint256: info.fingerprint256,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The JSON body of a seat's request, or undefined once it has been refused (too large, not JSON). */
async function jsonBodyOf(request: http.IncomingMessage, response: http.ServerResponse, limit = MAX_SEAT_BODY_BYTES): Promise<unknown> {
  const body = await readBody(request, limit);
  if (body === null) {
    refuse(response, 'too-large', msg('errors.http.bodyTooLarge', { mb: Math.round((limit / 1024 / 1024) * 100) / 100 }));
    return undefined;
  }
  try {
    return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
  } catch {
    refuse(response, 'invalid-argument', msg('errors.http.notJson'));
    return undefined;
  }
}

/**
 * What the host keeps of the run it shares, so that after a restart (a crash
 * included) it serves the seats again at the same address and port and their
 * stored tokens reach it without joining again. `scheme` names the protocol
 * the seats' server spoke ('http' only here; a record this build cannot serve
 * is not resumed).
 */
export const SharingRecordSchema = z.object({
  runId: IdSchema,
  address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/),
  port: z.number().int().min(1).max(65535),
  scheme: z.enum(['http', 'https']).default('http'),
});
export type SharingRecord = z.infer<typeof SharingRecordSchema>;

/** Where the record is kept: `read` answers null when there is none (or it cannot be read). */
export type SharingRecordStore = { read: () => SharingRecord | null; write: (record: SharingRecord | null) => void };

export const SHARING_RECORD_FILE = 'sharing.json';

/** The record as a file of the data folder, replaced atomically (written beside it, synced, renamed), owner-only. */
export function sharingRecordFileOf(dataDir: string): SharingRecordStore {
  const file = path.join(dataDir, SHARING_RECORD_FILE);
  return {
    read: () => {
      try {
        const parsed = SharingRecordSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    write: (record) => {
      if (record === null) return fs.rmSync(file, { force: true });
      const temp = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(temp, 'w', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(record));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(temp, file);
    },
  };
}

export type SharingHostOptions = {
  /** The live back end (events published to `hub`). */
  backend: Caller;
  hub: EventHub;
  rendererDir: string;
  /** The interfaces offered: `privateInterfacesOf(os.networkInterfaces())`; tests pass 127.0.0.1. */
  interfaces: () => NetworkChoice[];
  /** The data folder, where the HTTPS certificate is kept (`certificate.ts`); absent: HTTPS is refused. */
  certificateDir?: string;
  limits?: Partial<RateLimits>;
  /** Where the shared run is kept across restarts; without it, sharing ends with the process. */
  record?: SharingRecordStore;
};

export type SharingHost = {
  /** The host's calls: the sharing operations here, everything else to the back end. */
  call: (method: string, arg: unknown) => Promise<Envelope<unknown>>;
  /**
   * At start-up: shares again the run kept from before (same address and
   * port) when it is still running and the address is still offered;
   * otherwise the status says why not (`notResumed`).
   */
  resume: () => Promise<SharingStatus>;
  close: () => Promise<void>;
};

/** The certificate to serve HTTPS on `address` with, kept in (or first made in) `dataDir`. */
async function tlsOf(dataDir: string | undefined, address: string): Promise<SeatTls> {
  if (dataDir === undefined) throw new ApiError('invalid-argument', msg('errors.seat.httpsUnavailable'));
  try {
    const { cert, key, fingerprint256 } = await seatCertificateOf(dataDir, address);
    return { cert, key, fingerprint256 };
  } catch (error) {
    throw new ApiError('storage-failed', msg('errors.seat.certificate', { reason: (error as Error).message }));
  }
}

/** The host side of sharing: one shared run at a time, on one chosen interface. */
export function sharingHostOf(options: SharingHostOptions): SharingHost {
  let current: { runId: string; address: string; server: SeatServer } | null = null;
  let notResumed: SharingStatus['notResumed'] = null;
  const status = (): SharingStatus => ({
    shared: current && {
      runId: current.runId,
      address: current.address,
      port: current.server.port,
      scheme: current.server.scheme,
      url: `${current.server.scheme}://${current.address}:${current.server.port}/`,
      fingerprint256: current.server.fingerprint256,
    },
    connected: current ? options.hub.connectedSeatIds(current.runId) : [],
    notResumed,
  });
  const stop = async () => {
    const stopping = current;
    current = null;
    options.hub.closeSeats();
    await stopping?.server.close();
  };
  /** Why `runId` cannot be shared now, or null. */
  const runProblemOf = async (runId: string): Promise<{ reason: NotResumedReason; error: ApiError } | null> => {
    const got = await options.backend.call('getRun', { id: runId });
    if (!got.ok) return { reason: 'run-missing', error: ApiError.of(got.error) };
    return (got.value as { run: { status: string } }).run.status === 'ended' ? { reason: 'run-ended', error: new ApiError('conflict', msg('errors.seat.runNotRunning')) } : null;
  };
  const listen = async (runId: string, address: string, port: number, tls: SeatTls | undefined) => {
    const server = await startSeatServer({ backend: options.backend, hub: options.hub, rendererDir: options.rendererDir, address, port, tls, limits: options.limits });
    current = { runId, address, server };
    notResumed = null;
    options.record?.write({ runId, address, port: server.port, scheme: server.scheme });
  };
  const handlers: SharingService = {
    listNetworkInterfaces: () => options.interfaces(),
    startSharing: async ({ runId, address, port, https: secure }) => {
      if (!options.interfaces().some((choice) => choice.address === address)) throw new ApiError('invalid-argument', msg('errors.seat.notPrivate', { address }));
      if (current && current.runId !== runId) throw new ApiError('conflict', msg('errors.seat.alreadyShared'));
      if (current) return status();
      const problem = await runProblemOf(runId);
      if (problem) throw problem.error;
      const tls = secure ? await tlsOf(options.certificateDir, address) : undefined;
      try {
        await listen(runId, address, port, tls);
      } catch (error) {
        throw new ApiError('conflict', msg('errors.seat.cannotListen', { address, port, reason: (error as { code?: string }).code ?? String(error) }));
      }
      return status();
    },
    stopSharing: async () => {
      await stop();
      notResumed = null;
      options.record?.write(null);
      return status();
    },
    sharingStatus: () => status(),
  };
  const sharing = new Set<string>(SHARING_METHODS);
  return {
    call: (method, arg) => (sharing.has(method) ? dispatch(handlers, method, arg) : options.backend.call(method, arg)),
    resume: async () => {
      const kept = options.record?.read() ?? null;
      if (!kept || current) return status();
      const { runId, address, port, scheme } = kept;
      const problem = await runProblemOf(runId);
      let reason: NotResumedReason | null = problem?.reason ?? null;
      if (!reason && !options.interfaces().some((choice) => choice.address === address)) reason = 'address-gone';
      if (!reason) {
        try {
          await listen(runId, address, port, scheme === 'https' ? await tlsOf(options.certificateDir, address) : undefined);
        } catch {
          reason = 'cannot-listen';
        }
      }
      if (reason) notResumed = { runId, address, port, reason };
      return status();
    },
    close: stop,
  };
}
