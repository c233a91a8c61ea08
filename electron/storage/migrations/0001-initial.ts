/** 0001: scenarios with their roles, steps and edges; runs, run events, annotations, fragments. Shipped: never edit. */
export const sql = `
CREATE TABLE scenarios (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  meta TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  source_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE roles (
  scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (scenario_id, id)
) WITHOUT ROWID;

CREATE TABLE steps (
  scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  x REAL NOT NULL,
  y REAL NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (scenario_id, id)
) WITHOUT ROWID;
CREATE INDEX steps_by_order ON steps (scenario_id, ord);

CREATE TABLE edges (
  scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (scenario_id, id),
  FOREIGN KEY (scenario_id, source) REFERENCES steps (scenario_id, id),
  FOREIGN KEY (scenario_id, target) REFERENCES steps (scenario_id, id)
) WITHOUT ROWID;
CREATE INDEX edges_by_order ON edges (scenario_id, ord);
CREATE INDEX edges_by_source ON edges (scenario_id, source);
CREATE INDEX edges_by_target ON edges (scenario_id, target);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'ended')),
  source TEXT NOT NULL CHECK (source IN ('live', 'imported')),
  plan TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX runs_by_scenario ON runs (scenario_id, started_at);

CREATE TABLE run_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  step_id TEXT,
  role_id TEXT,
  text TEXT NOT NULL DEFAULT '',
  rating INTEGER,
  edge_id TEXT,
  shift_min REAL,
  corrects INTEGER REFERENCES run_events(seq),
  superseded_by INTEGER REFERENCES run_events(seq),
  recorded_at TEXT NOT NULL
);
CREATE INDEX run_events_by_run ON run_events (run_id, seq);

CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  step_id TEXT,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  owner_role_id TEXT,
  due_date TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX annotations_by_run ON annotations (run_id, at);

CREATE TABLE fragments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;
