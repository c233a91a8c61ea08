/**
 * A seat's transport (联网导调): each contract operation is
 * `POST /seat/api/<method>` on the seats' server, with the seat's token —
 * kept in this tab's session — in a header. Joining exchanges a join code for
 * that token. The back end decides what the seat may call.
 */
import { API_METHODS, refusedOf, type ApiMethod, type DrillTransport, type Envelope, type SeatServerInfo } from '../../shared/api';
import { msg } from '../../shared/i18n';
import type { Seat } from '../../shared/seats';

export const SEAT_TOKEN_HEADER = 'x-drilldesk-seat';
const SEAT_TOKEN_KEY = 'drilldesk.seatToken';

export const seatTokenOf = (storage: Storage) => storage.getItem(SEAT_TOKEN_KEY);
export const forgetSeatToken = (storage: Storage) => storage.removeItem(SEAT_TOKEN_KEY);

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body ?? {}) });
  } catch {
    return refusedOf('storage-failed', msg('errors.http.unreachable'));
  }
  try {
    return (await response.json()) as Envelope<unknown>;
  } catch {
    return refusedOf('internal', msg('errors.http.badAnswer', { status: response.status }));
  }
}

export function seatTransport(storage: Storage): DrillTransport {
  const transport = {} as Record<ApiMethod, (arg: unknown) => Promise<Envelope<unknown>>>;
  for (const method of API_METHODS) transport[method] = (arg) => post(`/seat/api/${method}`, arg, { [SEAT_TOKEN_HEADER]: seatTokenOf(storage) ?? '' });
  return transport as unknown as DrillTransport;
}

/** How the seats' server is served (its certificate's fingerprint over HTTPS); null when it cannot be read. */
export async function seatServerInfo(): Promise<SeatServerInfo | null> {
  try {
    const envelope = (await (await fetch('/seat/info')).json()) as Envelope<SeatServerInfo>;
    return envelope.ok ? envelope.value : null;
  } catch {
    return null;
  }
}

/** Exchanges a join code for the seat's token, kept in this tab's session. */
export async function joinSeat(storage: Storage, code: string): Promise<Envelope<{ seat: Seat; token: string }>> {
  const envelope = (await post('/seat/join', { code })) as Envelope<{ seat: Seat; token: string }>;
  if (envelope.ok) storage.setItem(SEAT_TOKEN_KEY, envelope.value.token);
  return envelope;
}
