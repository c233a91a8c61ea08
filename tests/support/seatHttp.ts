/**
 * HTTP as the seats' tests speak it, on 127.0.0.1: one request with full
 * control of its headers, and an event stream read frame by frame.
 */
import http from 'node:http';
import type { RunEvent } from '../../shared/model';
import { sseReaderOf } from '../../shared/sse';

export const LOOPBACK = '127.0.0.1';

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP request with full control of its headers (Host included, which fetch will not set). */
export function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: LOOPBACK, port, method: options.method ?? 'GET', path: options.path, headers: { Host: `${LOOPBACK}:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** An open event stream: the events read so far, and a wait for the n-th. */
export type Stream = { events: RunEvent[]; status: number; until: (count: number) => Promise<RunEvent[]>; ended: Promise<void>; close: () => void };

export function streamOf(port: number, path: string, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: RunEvent[] = [];
    const waiters: { count: number; done: (events: RunEvent[]) => void }[] = [];
    let endedResolve = () => {};
    const ended = new Promise<void>((done) => (endedResolve = done));
    const req = http.request({ host: LOOPBACK, port, path, headers: { Host: `${LOOPBACK}:${port}`, Accept: 'text/event-stream', ...headers } }, (res) => {
      const read = sseReaderOf(({ data }) => events.push(JSON.parse(data) as RunEvent));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        read(chunk);
        for (const waiter of [...waiters]) if (events.length >= waiter.count) waiter.done(events.slice());
      });
      res.on('end', endedResolve);
      res.on('close', endedResolve);
      resolve({
        events,
        status: res.statusCode ?? 0,
        until: (count) => (events.length >= count ? Promise.resolve(events.slice()) : new Promise((done) => waiters.push({ count, done }))),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

