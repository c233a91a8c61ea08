/**
 * 0006: seats (联网导调). A run shared on the local network has seats —
 * field controllers, evaluators, the big screen, observers — each with its
 * scope (roles, sites, forms), a one-use join code and a seat token, both
 * stored only as SHA-256 hashes. Every run event records the seat that
 * recorded it (null: the host) and the client id a device gave it, unique
 * per run, so a resend is applied once.
 * Shipped: never edit.
 */
export const sql = `
CREATE TABLE seats (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '{"roleIds":[],"sites":[],"formIds":[]}',
  code_hash TEXT,
  code_expires_at TEXT,
  code_used_at TEXT,
  token_hash TEXT,
  revoked_at TEXT,
  last_seen_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX seats_by_run ON seats (run_id);
CREATE UNIQUE INDEX seats_by_code ON seats (code_hash) WHERE code_hash IS NOT NULL;
CREATE UNIQUE INDEX seats_by_token ON seats (token_hash) WHERE token_hash IS NOT NULL;

ALTER TABLE run_events ADD COLUMN seat_id TEXT REFERENCES seats(id) ON DELETE SET NULL;
ALTER TABLE run_events ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX run_events_by_client ON run_events (run_id, client_id) WHERE client_id IS NOT NULL;
`;
