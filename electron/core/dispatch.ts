/**
 * The boundary every call crosses: checks the method name, parses the
 * argument with its zod schema, runs the service, and turns any failure into
 * an error envelope with a code and a plain message. Transports call this
 * and nothing else; nothing here knows about IPC or HTTP.
 */
import { API_METHODS, ApiError, apiInputs, errorBodyOf, issuesOf, type ApiHandler, type ApiMethod, type Envelope } from '../../shared/api';

const known = new Set<string>(API_METHODS);

export function isApiMethod(name: string): name is ApiMethod {
  return known.has(name);
}

/** SQLite failures a user can act on, in words. */
function storageMessageOf(code: string): string | null {
  if (code === 'SQLITE_FULL') return 'the disk is full or the database reached its size limit; the change was not saved';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'the data folder is read-only; the change was not saved';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk could not be written; the change was not saved';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) return 'the database is busy; the change was not saved, try again';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'the database file is damaged; the change was not saved';
  if (code.startsWith('SQLITE_CONSTRAINT')) return null;
  // File-system errors, e.g. while writing a backup.
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full; the change was not saved';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the data folder is read-only or not accessible; the change was not saved';
  if (code === 'EIO') return 'the disk could not be written; the change was not saved';
  return code.startsWith('SQLITE_') ? `the database refused the change (${code}); it was not saved` : null;
}

/** The error envelope for anything thrown while serving a call. Never carries a stack trace. */
export function errorEnvelopeOf(error: unknown): Envelope<never> {
  if (error instanceof ApiError) return { ok: false, error: errorBodyOf(error) };
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    const message = storageMessageOf(code);
    if (message) return { ok: false, error: { code: 'storage-failed', message, details: [] } };
    if (code.startsWith('SQLITE_CONSTRAINT'))
      return { ok: false, error: { code: 'conflict', message: 'the change conflicts with existing data and was not saved', details: [] } };
  }
  if (error instanceof Error && error.name === 'ZodError')
    return { ok: false, error: { code: 'invalid-argument', message: 'stored data failed validation', details: [] } };
  return { ok: false, error: { code: 'internal', message: 'an unexpected error occurred; nothing was changed', details: [] } };
}

/** Handlers for some of the operations: the service inside a worker, or the worker host's own. */
export type Handlers = { [M in ApiMethod]?: ApiHandler<M> };

/**
 * Serves one call with the handler `service` has for it (a well-formed call of
 * an operation it has no handler for is refused as unknown here). `onInternalError` sees unexpected errors
 * (for the log), the caller only the envelope.
 */
export async function dispatch(
  service: Handlers,
  method: string,
  rawArg: unknown,
  onInternalError: (error: unknown) => void = () => {},
): Promise<Envelope<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `there is no operation "${String(method).slice(0, 60)}"`, details: [] } };
  const parsed = apiInputs[method].safeParse(rawArg === undefined ? {} : rawArg);
  if (!parsed.success) {
    const details = issuesOf(parsed.error);
    return { ok: false, error: { code: 'invalid-argument', message: `${method}: ${details[0] ?? 'invalid argument'}`, details } };
  }
  if (service[method] === undefined)
    return { ok: false, error: { code: 'unknown-method', message: `"${method}" is not served here`, details: [] } };
  try {
    const value = await (service[method] as (arg: unknown) => unknown)(parsed.data);
    return { ok: true, value };
  } catch (error) {
    const envelope = errorEnvelopeOf(error);
    if (!envelope.ok && envelope.error.code === 'internal') onInternalError(error);
    return envelope;
  }
}
