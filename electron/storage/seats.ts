/**
 * Seats of shared runs (联网导调): their scope, their join code and token —
 * each kept only as its SHA-256 hash — revocation and last activity.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { ApiError } from '../../shared/api';
import { msg } from '../../shared/i18n';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_TTL_MS, type Seat, type SeatKind, type SeatScope } from '../../shared/seats';
import type { Db } from './db';
import { statementsOf } from './statements';

type SeatRow = {
  id: string;
  run_id: string;
  kind: SeatKind;
  name: string;
  scope: string;
  code_hash: string | null;
  code_expires_at: string | null;
  code_used_at: string | null;
  token_hash: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
  created_at: string;
};

const sql = statementsOf({
  insert: `INSERT INTO seats (id, run_id, kind, name, scope, code_hash, code_expires_at, created_at)
           VALUES (@id, @runId, @kind, @name, @scope, @codeHash, @codeExpiresAt, @createdAt)`,
  get: 'SELECT * FROM seats WHERE id = ?',
  ofRun: 'SELECT * FROM seats WHERE run_id = ? ORDER BY created_at, rowid',
  byCode: 'SELECT * FROM seats WHERE code_hash = ?',
  byToken: 'SELECT * FROM seats WHERE token_hash = ?',
  join: 'UPDATE seats SET code_used_at = @now, token_hash = @tokenHash, last_seen_at = @now WHERE id = @id AND code_used_at IS NULL',
  revoke: 'UPDATE seats SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL',
  seen: 'UPDATE seats SET last_seen_at = @now WHERE id = @id',
});

/** The SHA-256 of a code or token: what the database keeps instead of it. */
export const secretHashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A fresh join code: 8 characters of `JOIN_CODE_ALPHABET`, drawn uniformly. */
export const newJoinCode = () => Array.from({ length: JOIN_CODE_LENGTH }, () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]).join('');
/** A fresh seat token: 128 random bits. */
export const newSeatToken = () => randomBytes(16).toString('base64url');

const seatOf = (row: SeatRow): Seat => ({
  id: row.id,
  runId: row.run_id,
  kind: row.kind,
  name: row.name,
  scope: JSON.parse(row.scope) as SeatScope,
  createdAt: row.created_at,
  codeExpiresAt: row.code_used_at === null && row.revoked_at === null ? row.code_expires_at : null,
  joined: row.token_hash !== null,
  revokedAt: row.revoked_at,
  lastSeenAt: row.last_seen_at,
});

/** Stores a new seat with a fresh join code; returns the seat and the code (never stored in clear). */
export function insertSeat(db: Db, seat: { id: string; runId: string; kind: SeatKind; name: string; scope: SeatScope }, now: Date): { seat: Seat; code: string } {
  const code = newJoinCode();
  sql(db).insert.run({
    ...seat,
    scope: JSON.stringify(seat.scope),
    codeHash: secretHashOf(code),
    codeExpiresAt: new Date(now.getTime() + JOIN_CODE_TTL_MS).toISOString(),
    createdAt: now.toISOString(),
  });
  return { seat: requireSeat(db, seat.id), code };
}

export function requireSeat(db: Db, id: string): Seat {
  const row = sql(db).get.get(id) as SeatRow | undefined;
  if (!row) throw new ApiError('not-found', msg('errors.seat.notFound', { id }));
  return seatOf(row);
}

export function seatsOfRun(db: Db, runId: string): Seat[] {
  return (sql(db).ofRun.all(runId) as SeatRow[]).map(seatOf);
}

/**
 * Exchanges a join code for a new seat token: the code must be known, unused,
 * unexpired and its seat not revoked. The code works once (a second join with
 * it is refused as used).
 */
export function joinSeat(db: Db, code: string, now: Date): { seat: Seat; token: string } {
  const hash = secretHashOf(code);
  const row = sql(db).byCode.get(hash) as SeatRow | undefined;
  if (!row) throw new ApiError('unauthorized', msg('errors.seat.codeUnknown'));
  if (row.revoked_at !== null) throw new ApiError('unauthorized', msg('errors.seat.revoked'));
  if (row.code_used_at !== null) throw new ApiError('unauthorized', msg('errors.seat.codeUsed'));
  if (row.code_expires_at !== null && Date.parse(row.code_expires_at) <= now.getTime()) throw new ApiError('unauthorized', msg('errors.seat.codeExpired'));
  const token = newSeatToken();
  if (sql(db).join.run({ id: row.id, tokenHash: secretHashOf(token), now: now.toISOString() }).changes === 0)
    throw new ApiError('unauthorized', msg('errors.seat.codeUsed'));
  return { seat: requireSeat(db, row.id), token };
}

/** The seat a token belongs to (revoked or not), or null for a token never issued. */
export function seatOfToken(db: Db, token: string): Seat | null {
  const row = sql(db).byToken.get(secretHashOf(token)) as SeatRow | undefined;
  return row ? seatOf(row) : null;
}

export function revokeSeat(db: Db, id: string, now: Date): Seat {
  requireSeat(db, id);
  sql(db).revoke.run({ id, now: now.toISOString() });
  return requireSeat(db, id);
}

/** Notes a seat's latest call (at most one write per `everyMs`). */
export function touchSeat(db: Db, seat: Seat, now: Date, everyMs = 5000) {
  if (seat.lastSeenAt !== null && now.getTime() - Date.parse(seat.lastSeenAt) < everyMs) return;
  sql(db).seen.run({ id: seat.id, now: now.toISOString() });
}
