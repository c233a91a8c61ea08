/**
 * Live run events over server-sent events: one stream per seat (and per
 * console of the host), each committed event pushed to every stream of its
 * run, resumable with `Last-Event-ID` (the event's `seq`). A transport
 * concern only: the events come from the back end's answers.
 */
import type http from 'node:http';
import type { Envelope } from '../../shared/api';
import type { RunEvent } from '../../shared/model';
import type { Seat } from '../../shared/seats';
import { SECURITY_HEADERS } from '../security';

/** Whatever serves calls: the back end, or the worker host; a seat's call carries its token. */
export type Caller = { call: (method: string, arg: unknown, seatToken?: string) => Promise<Envelope<unknown>> };

type Stream = {
  runId: string;
  /** The seat that holds it; null for the host's console. */
  seatId: string | null;
  response: http.ServerResponse;
  /** The highest `seq` written to it. */
  sent: number;
  /** Events that came while its backlog was being read, written after it. */
  pending: RunEvent[] | null;
};

export type EventHub = {
  /** Writes a committed event to every stream of its run that has not had it. */
  publish: (event: RunEvent) => void;
  attach: (stream: Stream) => () => void;
  /** Ends the streams of a seat (revoked). */
  closeSeat: (seatId: string) => void;
  /** Ends every seat's stream (sharing stopped); the host's stay. */
  closeSeats: () => void;
  /** The seats holding a stream now. */
  connectedSeatIds: (runId?: string) => string[];
  /** Calls `listener` with every published event (the desktop app relays them to its window); answers the unsubscribe. */
  listen: (listener: (event: RunEvent) => void) => () => void;
};

/** How one event is written on a stream. */
export const sseFrameOf = (event: RunEvent) => `id: ${event.seq}\nevent: run-event\ndata: ${JSON.stringify(event)}\n\n`;

const write = (stream: Stream, event: RunEvent) => {
  if (event.seq <= stream.sent) return;
  stream.sent = event.seq;
  stream.response.write(sseFrameOf(event));
};

export function eventHubOf(): EventHub {
  const streams = new Set<Stream>();
  const listeners = new Set<(event: RunEvent) => void>();
  const end = (stream: Stream) => {
    streams.delete(stream);
    stream.response.end();
  };
  return {
    publish: (event) => {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener that fails (a window going away) never fails the call that committed the event.
        }
      }
      for (const stream of [...streams]) {
        if (stream.runId !== event.runId) continue;
        if (stream.pending) stream.pending.push(event);
        else write(stream, event);
        // The run's end ends its seats.
        if (event.kind === 'ended' && event.supersededBy === null && stream.seatId !== null && !stream.pending) end(stream);
      }
    },
    attach: (stream) => {
      streams.add(stream);
      return () => streams.delete(stream);
    },
    closeSeat: (seatId) => {
      for (const stream of [...streams]) if (stream.seatId === seatId) end(stream);
    },
    closeSeats: () => {
      for (const stream of [...streams]) if (stream.seatId !== null) end(stream);
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connectedSeatIds: (runId) => [...new Set([...streams].filter((s) => s.seatId !== null && (runId === undefined || s.runId === runId)).map((s) => s.seatId!))],
  };
}

/** Methods whose answer is a committed run event. */
const EVENT_METHODS = new Set(['recordEvent', 'correctEvent', 'resolveDuplicate', 'shiftPlan']);

/** The back end with its committed events published to the hub, and a revoked seat's streams ended. */
export function liveBackendOf(backend: Caller, hub: EventHub): Caller {
  return {
    call: async (method, arg, seatToken) => {
      const envelope = await backend.call(method, arg, seatToken);
      if (envelope.ok && EVENT_METHODS.has(method)) hub.publish(envelope.value as RunEvent);
      if (envelope.ok && method === 'revokeSeat') hub.closeSeat((envelope.value as Seat).id);
      return envelope;
    },
  };
}

const HEARTBEAT_MS = 15_000;

/**
 * Serves one event stream: the run's events after `Last-Event-ID` (all of them
 * without it), then every event as it is committed. A seat's stream is read
 * with its token, so the back end decides what it may see (its run only).
 */
export async function serveEventStream(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  options: { backend: Caller; hub: EventHub; runId: string; seatToken: string | undefined; seatId?: string },
): Promise<void> {
  const lastId = Number(request.headers['last-event-id']);
  const stream: Stream = {
    runId: options.runId,
    seatId: options.seatId ?? null,
    response,
    sent: Number.isSafeInteger(lastId) && lastId > 0 ? lastId : 0,
    pending: [],
  };
  const detach = options.hub.attach(stream);
  const backlog = await options.backend.call('getRun', { id: options.runId }, options.seatToken);
  if (!backlog.ok) {
    detach();
    const body = JSON.stringify(backlog);
    response.writeHead(backlog.error.code === 'not-found' ? 404 : 401, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    response.end(body);
    return;
  }
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write('retry: 2000\n\n');
  for (const event of (backlog.value as { events: RunEvent[] }).events) write(stream, event);
  const pending = stream.pending ?? [];
  stream.pending = null;
  for (const event of pending) write(stream, event);
  const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    detach();
  };
  request.on('close', stop);
  response.on('close', stop);
}
