/**
 * The boundary every call crosses: checks the method name, parses the
 * argument with its zod schema, runs the service, and turns any failure into
 * an error envelope with a code, a catalogue key and its parameters. Transports
 * call this and nothing else; nothing here knows about IPC or HTTP.
 */
import { API_METHODS, ApiError, apiInputs, issuesOf, refusedOf, type ApiHandler, type ApiMethod, type CallContext, type Envelope } from '../../shared/api';
import { msg, technicalOf, type Message } from '../../shared/i18n';
import type { ScenarioBody } from '../../shared/model';
import { SEAT_METHODS, seatRefusalOf, type Seat } from '../../shared/seats';

/**
 * A call from a seat (联网导调), its token already resolved by the back end:
 * the seat, and the plan of the run it shares. The host's calls have none.
 */
export type SeatCaller = { seat: Seat; plan: ScenarioBody };

const known = new Set<string>(API_METHODS);

export function isApiMethod(name: string): name is ApiMethod {
  return known.has(name);
}

/** SQLite and file-system failures a user can act on, as catalogue messages. */
function storageMessageOf(code: string): Message | null {
  if (code === 'SQLITE_FULL') return msg('errors.storage.full');
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return msg('errors.storage.readOnly');
  if (code.startsWith('SQLITE_IOERR')) return msg('errors.storage.ioError');
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) return msg('errors.storage.busy');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return msg('errors.storage.damaged');
  if (code.startsWith('SQLITE_CONSTRAINT')) return null;
  // File-system errors, e.g. while writing a backup.
  if (code === 'ENOSPC' || code === 'EDQUOT') return msg('errors.storage.diskFull');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return msg('errors.storage.notAccessible');
  if (code === 'EIO') return msg('errors.storage.ioError');
  return code.startsWith('SQLITE_') ? msg('errors.storage.refused', { code }) : null;
}

/** The system's own words for a failure, as a secondary detail (never the headline). */
const technicalDetailsOf = (error: unknown): Message[] => (error instanceof Error && error.message ? [technicalOf(error.message)] : []);

/** The error envelope for anything thrown while serving a call. Never carries a stack trace. */
export function errorEnvelopeOf(error: unknown): Envelope<never> {
  if (error instanceof ApiError) return { ok: false, error: error.body };
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    const message = storageMessageOf(code);
    if (message) return refusedOf('storage-failed', message, technicalDetailsOf(error));
    if (code.startsWith('SQLITE_CONSTRAINT')) return refusedOf('conflict', msg('errors.storage.constraint'), technicalDetailsOf(error));
  }
  if (error instanceof Error && error.name === 'ZodError') return refusedOf('invalid-argument', msg('errors.storage.storedInvalid'));
  return refusedOf('internal', msg('errors.unexpected'));
}

/** Handlers for some of the operations: the service inside a worker, or the worker host's own. */
export type Handlers = { [M in ApiMethod]?: ApiHandler<M> };

/**
 * Serves one call with the handler `service` has for it (a well-formed call of
 * an operation it has no handler for is refused as unknown here). `onInternalError` sees unexpected errors
 * (for the log), the caller only the envelope.
 *
 * A seat's call (`seat`) is held to its scope here, whatever its page shows:
 * a method outside its kind's list is refused before its argument is even
 * read, and an allowed one touching another run, or a step or item outside
 * the seat's assignment, is refused once parsed (`unauthorized`). The handler
 * learns which seat called, so what it records names the seat.
 */
export async function dispatch(
  service: Handlers,
  method: string,
  rawArg: unknown,
  onInternalError: (error: unknown) => void = () => {},
  seat: SeatCaller | null = null,
): Promise<Envelope<unknown>> {
  if (!isApiMethod(method)) return refusedOf('unknown-method', msg('errors.call.unknownMethod', { method: String(method).slice(0, 60) }));
  if (seat && !SEAT_METHODS[seat.seat.kind].includes(method))
    return refusedOf('unauthorized', msg('errors.seat.methodNotAllowed', { method, kind: msg(`conduct.seats.kind.${seat.seat.kind}`) }));
  const parsed = apiInputs[method].safeParse(rawArg === undefined ? {} : rawArg);
  if (!parsed.success) {
    const details = issuesOf(parsed.error);
    return refusedOf('invalid-argument', msg('errors.call.invalid', { method, problem: details[0] ?? msg('errors.invalid.value') }), details);
  }
  if (seat) {
    const refusal = seatRefusalOf(seat.seat, seat.plan, { method, arg: parsed.data });
    if (refusal) return refusedOf('unauthorized', refusal);
  }
  if (service[method] === undefined) return refusedOf('unknown-method', msg('errors.call.notServedHere', { method }));
  try {
    const context: CallContext = { seatId: seat?.seat.id ?? null };
    const value = await (service[method] as (arg: unknown, context: CallContext) => unknown)(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    const envelope = errorEnvelopeOf(error);
    if (!envelope.ok && envelope.error.code === 'internal') onInternalError(error);
    return envelope;
  }
}
