/**
 * Migrations the way long-lived apps test them: migrate to N-1, put realistic
 * data in, migrate to N, check the data; a fresh install's schema equals the
 * schema migrated one step at a time; a newer database is refused untouched;
 * a migration that throws leaves the database at N-1 with a backup beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/api';
import { EMPTY_ARRANGEMENTS, EMPTY_DOC_FIELDS, NewRunEventSchema, ROLE_ROSTER_FIELDS } from '../../shared/model';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { createService } from '../../electron/core/service';
import { loadTemplates } from '../../electron/core/templates';
import { backupDirOf, isHealthyDatabase, listBackups } from '../../electron/storage/backups';
import { DB_FILE, openDataDir } from '../../electron/storage/dataDir';
import { openDatabase, schemaVersionOf, StorageOpenError, type Db } from '../../electron/storage/db';
import { migrations as shipped, type Migration } from '../../electron/storage/migrations/index';
import { dumpOf, removeTempDirs, repoRoot, sha256Of, tempDir, TEMPLATES_DIR } from '../support/storage';

afterEach(removeTempDirs);

const NOW = new Date('2026-06-01T09:00:00.000Z');

/**
 * Test-only migrations after the shipped ones, shaped like real ones: a new
 * column with a default, and a table rebuilt under a new constraint.
 */
const later: Migration[] = [
  {
    version: shipped.length + 1,
    name: `${String(shipped.length + 1).padStart(4, '0')}-test-step-tags`,
    sql: `ALTER TABLE steps ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
          CREATE INDEX steps_by_kind ON steps (scenario_id, kind);`,
  },
  {
    version: shipped.length + 2,
    name: `${String(shipped.length + 2).padStart(4, '0')}-test-fragment-notes`,
    sql: `CREATE TABLE fragments_next (
            id TEXT PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0), body TEXT NOT NULL,
            created_at TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
          INSERT INTO fragments_next (id, name, body, created_at) SELECT id, name, body, created_at FROM fragments;
          DROP TABLE fragments;
          ALTER TABLE fragments_next RENAME TO fragments;`,
  },
];
const extended = [...shipped, ...later];

/** The first sample drill, a run of it with events, an annotation and a fragment: what a bureau's database holds after a drill. */
function putRealisticData(db: Db) {
  const service = createService({ db, dataDir: path.dirname(db.name), templates: loadTemplates(TEMPLATES_DIR), prefs: memoryPrefsStore(), now: () => NOW });
  const [template] = service.listTemplates({}) as Template[];
  const summary = service.createFromTemplate({ templateId: template.id }) as { id: string };
  const scenario = service.getScenario({ id: summary.id }) as { steps: { id: string }[]; roles: { id: string }[] };
  const run = service.createRun({ scenarioId: summary.id, name: '汛期演练（正式）' }) as { id: string };
  const step = scenario.steps[0].id;
  service.recordEvent({ runId: run.id, event: { kind: 'inject-delivered', stepId: step, roleId: null, text: '电话通知', rating: null, edgeId: null, shiftMin: null, itemId: null, value: null, person: '', clientId: null } });
  service.recordEvent({ runId: run.id, event: { kind: 'observation', stepId: step, roleId: null, text: '供水保障组 5 分钟内到位', rating: 4, edgeId: null, shiftMin: null, itemId: null, value: null, person: '', clientId: null } });
  service.addAnnotation({
    runId: run.id,
    fields: { at: NOW.toISOString(), stepId: step, kind: 'improvement', text: '备用发电机启动偏慢', ownerRoleId: null, dueDate: '2026-07-01', done: false, unit: null },
  });
  service.saveFragment({
    name: '停电处置',
    body: { roles: [], steps: [{ id: 'p1', kind: 'action', title: '启用备用电源', description: '', roleIds: [], dialogue: '', location: '', durationMin: 10, resources: '', expectedResult: '', objectiveIds: [], notes: '', phase: '', scenarioTime: '', controllerOnly: [], position: { x: 0, y: 0 } }], edges: [] },
  });
  withoutLaterFields(db);
  return { scenarioId: summary.id, runId: run.id, stepCount: scenario.steps.length };
}

/**
 * Empties in the drills and run plans just written the fields that came with a
 * later migration than the database's version (the samples fill in document
 * fields and arrangements; today's code writes them, empty, everywhere). The
 * migrations' own tests below take them out altogether.
 */
function withoutLaterFields(db: Db) {
  const version = schemaVersionOf(db);
  const emptied: [string, unknown][] = [
    ...(version < versionOf('0005-document-fields') ? [['$.docFields', EMPTY_DOC_FIELDS] as [string, unknown]] : []),
    ...(version < versionOf('0008-roster-arrangements') ? [['$.arrangements', EMPTY_ARRANGEMENTS] as [string, unknown]] : []),
  ];
  for (const [at, empty] of emptied) {
    db.prepare(`UPDATE scenarios SET meta = json_set(meta, ?, json(?))`).run(at, JSON.stringify(empty));
    db.prepare(`UPDATE runs SET plan = json_set(plan, ?, json(?))`).run(at, JSON.stringify(empty));
  }
  if (version < versionOf('0009-scenario-time')) db.exec(`${STEP_FIELD('scenarioTime', "''", 'json_set')}`);
}

/** SQL that sets (or inserts) one field of every step of every drill, run plan and fragment. */
const STEP_FIELD = (field: string, value: string, how: 'json_set' | 'json_insert' | 'json_remove') => {
  const of = (json: string) => (how === 'json_remove' ? `json_remove(${json}, '$.${field}')` : `${how}(${json}, '$.${field}', ${value})`);
  return `UPDATE steps SET data = ${of('data')};
    UPDATE runs SET plan = json_set(plan, '$.steps', (SELECT json_group_array(json(${of('value')})) FROM json_each(runs.plan, '$.steps')));
    UPDATE fragments SET body = json_set(body, '$.steps', (SELECT json_group_array(json(${of('value')})) FROM json_each(fragments.body, '$.steps')));`;
};

/** Rows of the tables every version has, which no migration may lose or alter. */
function keptRows(db: Db) {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    scenarios: all('SELECT id, title, meta, revision FROM scenarios ORDER BY id'),
    steps: all('SELECT scenario_id, id, ord, kind, title, x, y, data FROM steps ORDER BY scenario_id, id'),
    edges: all('SELECT scenario_id, id, source, target, data FROM edges ORDER BY scenario_id, id'),
    roles: all('SELECT scenario_id, id, name, data FROM roles ORDER BY scenario_id, id'),
    runs: all('SELECT id, scenario_id, name, status, plan FROM runs ORDER BY id'),
    events: all('SELECT seq, run_id, at, kind, step_id, text, rating FROM run_events ORDER BY seq'),
    annotations: all('SELECT id, run_id, text, due_date FROM annotations ORDER BY id'),
    fragments: all('SELECT id, name, body FROM fragments ORDER BY id'),
  };
}

const schemaOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  } finally {
    db.close();
  }
};

const versionOf = (name: string) => shipped.find((migration) => migration.name === name)!.version;

/**
 * A sample drill, a run of it and an observation, as DrillDesk 1 wrote them
 * (raw SQL: today's code writes columns the first schema lacks).
 */
function putVersionOneDrill(db: Db) {
  {
    const plan = JSON.parse(fs.readFileSync(path.join(TEMPLATES_DIR, 'waterworks-outage.drill.json'), 'utf8')).scenario;
    // Fields later versions brought: a version-1 drill has none of them.
    for (const later of ['evaluation', 'docFields', 'arrangements']) delete plan[later];
    const { roles: _roles, steps: _steps, edges: _edges, ...meta } = plan;
    db.prepare(`INSERT INTO scenarios (id, title, meta, revision, source_id, created_at, updated_at) VALUES ('sc1', @title, @meta, 3, NULL, @now, @now)`).run({
      title: meta.title,
      meta: JSON.stringify(meta),
      now: NOW.toISOString(),
    });
    plan.steps.forEach((step: { id: string; kind: string; title: string }, i: number) =>
      db.prepare(`INSERT INTO steps (scenario_id, id, ord, kind, title, x, y, data) VALUES ('sc1', ?, ?, ?, ?, 0, 0, ?)`).run(step.id, i + 1, step.kind, step.title, JSON.stringify(step)),
    );
    db.prepare(`INSERT INTO runs (id, scenario_id, name, started_at, ended_at, status, source, plan, created_at) VALUES ('run1', 'sc1', '预演', @now, NULL, 'running', 'live', @plan, @now)`).run({
      now: NOW.toISOString(),
      plan: JSON.stringify(plan),
    });
    db.prepare(`INSERT INTO run_events (run_id, at, kind, step_id, text, rating, recorded_at) VALUES ('run1', @now, 'observation', @step, '到位及时', 4, @now)`).run({
      now: NOW.toISOString(),
      step: plan.steps[0].id,
    });
  }
}

/** How the data a migration finds is written, by version, where `putRealisticData` (today's code) cannot. */
const legacyWriters: Record<number, (db: Db) => void> = {
  [versionOf('0002-time-zone')]: putVersionOneDrill,
  [versionOf('0003-evaluation')]: putVersionOneDrill,
  [versionOf('0004-report-fields')]: putVersionOneDrill,
};

/** Brings a database checked at an older version to the latest, as the app does on opening, so today's service can read it. */
function toLatest(db: Db) {
  for (const migration of shipped.slice(schemaVersionOf(db))) {
    db.exec(migration.sql);
    db.pragma(`user_version = ${migration.version}`);
  }
}

/** What each migration must have done to the data it found, by version. A new migration needs an entry here. */
const dataChecks: Record<number, (db: Db, before: ReturnType<typeof keptRows> | null) => void> = {
  1: (db) => {
    // From an empty file: every table there, holding a drill as DrillDesk 1 wrote it.
    putVersionOneDrill(db);
    const rows = keptRows(db);
    expect(rows.steps.length).toBeGreaterThan(5);
    expect(rows.runs).toHaveLength(1);
    expect(rows.events).toHaveLength(1);
  },
  [versionOf('0003-evaluation')]: (db, before) => {
    // A scenario and a run plan from before evaluation read back with an empty evaluation plan; old events have no item
    // (read by today's service, once the later migrations ran).
    toLatest(db);
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const scenario = service.getScenario({ id: 'sc1' }) as { evaluation: unknown; steps: unknown[] };
    expect(scenario.evaluation).toEqual({ forms: [], assignments: [] });
    expect(scenario.steps).toHaveLength((before?.steps ?? []).length);
    const { run, events } = service.getRun({ id: 'run1' }) as { run: { plan: { evaluation: unknown } }; events: { itemId: unknown; value: unknown; person: unknown; rating: unknown }[] };
    expect(run.plan.evaluation).toEqual({ forms: [], assignments: [] });
    expect(events).toEqual([expect.objectContaining({ itemId: null, value: null, person: '', rating: 4 })]);
    // And the new columns take an evaluation plan and a score.
    service.applyGraphOps({
      scenarioId: 'sc1',
      baseRevision: 3,
      ops: [{ op: 'addEvalForm', form: { id: 'f1', title: '评估表', description: '', scheme: 'checklist', passPercent: 80, sections: [{ id: 'sec1', title: '应急处置', items: [{ id: 'i1', content: '及时到位', criterion: '', guidance: '', objectiveIds: [], stepIds: [], site: '', maxPoints: 10, weight: 1, critical: false }] }] } }],
    });
    const copy = service.createRun({ scenarioId: 'sc1', name: '正式演练' }) as { id: string };
    const scored = service.recordEvent({ runId: copy.id, event: NewRunEventSchema.parse({ kind: 'evaluation-scored', itemId: 'i1', value: 'met', person: '袁志华' }) }) as { itemId: string; value: string; person: string };
    expect(scored).toMatchObject({ itemId: 'i1', value: 'met', person: '袁志华' });
  },
  [versionOf('0004-report-fields')]: (db, before) => {
    // Runs and annotations from before keep everything and read back with nothing entered; the new fields then take a count and a unit.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const kept = db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
    expect(kept.n).toBe((before?.runs ?? []).length);
    const run = db.prepare('SELECT id FROM runs LIMIT 1').get() as { id: string };
    expect((service.getRun({ id: run.id }) as { run: { participants: unknown } }).run.participants).toBeNull();
    expect((service.setRunParticipants({ runId: run.id, participants: 42 }) as { participants: number }).participants).toBe(42);
    const note = service.addAnnotation({ runId: run.id, fields: { at: NOW.toISOString(), stepId: null, kind: 'improvement', text: '补充通讯录', ownerRoleId: null, dueDate: null, done: false, unit: '县应急管理局' } }) as { id: string };
    expect((service.listAnnotations({ runId: run.id }) as { id: string; unit: string | null }[]).find((a) => a.id === note.id)?.unit).toBe('县应急管理局');
  },
  [versionOf('0005-document-fields')]: (db, before) => {
    // Scenarios, run plans and runs stored before read back with empty document fields, and take new ones.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    expect(before!.runs).toHaveLength(1);
    const runId = (before!.runs[0] as { id: string }).id;
    const { run } = service.getRun({ id: runId }) as { run: { scenarioId: string; plan: { docFields: unknown }; docFields: unknown } };
    expect(run.plan.docFields).toEqual(EMPTY_DOC_FIELDS);
    expect(run.docFields).toEqual(EMPTY_DOC_FIELDS);
    expect((service.getScenario({ id: run.scenarioId }) as { docFields: unknown }).docFields).toEqual(EMPTY_DOC_FIELDS);
    const updated = service.updateRunDocFields({ id: runId, docFields: { ...EMPTY_DOC_FIELDS, unit: '县生态环境局', recipients: '市生态环境局' } }) as { docFields: { unit: string } };
    expect(updated.docFields.unit).toBe('县生态环境局');
    expect((service.getRun({ id: runId }) as { run: { docFields: { recipients: string } } }).run.docFields.recipients).toBe('市生态环境局');
  },
  [versionOf('0006-seats')]: (db, before) => {
    // Events stored before name no seat and no client id; the run then takes a seat, whose events name it, and a resend applies once.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const runId = (before!.runs[0] as { id: string }).id;
    const { events } = service.getRun({ id: runId }) as { events: { seatId: unknown; clientId: unknown }[] };
    expect(events.length).toBe(before!.events.length);
    expect(events.every((event) => event.seatId === null && event.clientId === null)).toBe(true);
    db.prepare("UPDATE runs SET status = 'running', ended_at = NULL WHERE id = ?").run(runId);
    const { seat } = service.createSeat({ runId, seat: { kind: 'observer', name: '观摩席', scope: { roleIds: [], sites: [], formIds: [] } } }) as { seat: { id: string } };
    const event = NewRunEventSchema.parse({ kind: 'observation', text: '迁移后', clientId: 'migrated-0001' });
    const first = service.recordEvent({ runId, event }, { seatId: seat.id }) as { seq: number; seatId: string };
    expect(first.seatId).toBe(seat.id);
    expect((service.recordEvent({ runId, event }, { seatId: seat.id }) as { seq: number }).seq).toBe(first.seq);
  },
  [versionOf('0007-attachments')]: (db, before) => {
    // Runs stored before have no photos; an observation then takes one, which goes when its run is deleted.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const runId = (before!.runs[0] as { id: string }).id;
    expect(service.listAttachments({ runId })).toEqual([]);
    const png = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/photos/pump.png')).toString('base64');
    service.recordEvent({ runId, event: NewRunEventSchema.parse({ kind: 'observation', text: '泵房', at: NOW.toISOString() }), attachments: [{ dataBase64: png, caption: '泵房' }] });
    expect((service.listAttachments({ runId }) as { caption: string; width: number }[]).map((a) => [a.caption, a.width])).toEqual([['泵房', 200]]);
    service.deleteRun({ id: runId });
    expect(db.prepare('SELECT COUNT(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  },
  [versionOf('0008-roster-arrangements')]: (db) => {
    // Roles, scenarios and run plans read back with the roster fields and arrangements, empty or as entered.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const run = db.prepare('SELECT id, scenario_id FROM runs LIMIT 1').get() as { id: string; scenario_id: string };
    const scenario = service.getScenario({ id: run.scenario_id }) as { roles: Record<string, unknown>[]; arrangements: unknown };
    expect(scenario.arrangements).toEqual(EMPTY_ARRANGEMENTS);
    for (const role of scenario.roles) for (const field of ROLE_ROSTER_FIELDS) expect(typeof role[field]).toBe('string');
  },
  [versionOf('0009-scenario-time')]: (db) => {
    // Steps of drills, run plans and fragments read back with a scenario time, empty or as entered.
    const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
    const run = db.prepare('SELECT id, scenario_id FROM runs LIMIT 1').get() as { id: string; scenario_id: string };
    const scenario = service.getScenario({ id: run.scenario_id }) as { steps: { scenarioTime: unknown }[] };
    expect(scenario.steps.length).toBeGreaterThan(3);
    for (const step of scenario.steps) expect(typeof step.scenarioTime).toBe('string');
  },
  2: (db) => {
    // Every scenario and every run's plan names its time zone.
    const zones = db.prepare("SELECT json_extract(meta, '$.timeZone') AS zone FROM scenarios UNION ALL SELECT json_extract(plan, '$.timeZone') FROM runs").all();
    expect(zones.length).toBeGreaterThan(1);
    expect(zones).toEqual(zones.map(() => ({ zone: 'Asia/Shanghai' })));
  },
};

describe('each shipped migration', () => {
  it('has a data check', () => {
    expect(Object.keys(dataChecks).map(Number).sort((a, b) => a - b)).toEqual(shipped.map((m) => m.version));
  });

  for (const migration of shipped) {
    it(`${migration.name}: keeps the data of version ${migration.version - 1} and does its own change`, () => {
      const file = path.join(tempDir(), DB_FILE);
      const previous = shipped.slice(0, migration.version - 1);
      const atPrevious = openDatabase(file, { migrations: previous });
      expect(schemaVersionOf(atPrevious)).toBe(migration.version - 1);
      let before: ReturnType<typeof keptRows> | null = null;
      if (previous.length > 0) {
        const write = legacyWriters[migration.version];
        if (write) write(atPrevious);
        else putRealisticData(atPrevious);
        before = keptRows(atPrevious);
      }
      atPrevious.close();

      const atNext = openDatabase(file, { migrations: shipped.slice(0, migration.version) });
      try {
        expect(schemaVersionOf(atNext)).toBe(migration.version);
        if (before) expect(keptRows(atNext)).toEqual(before);
        dataChecks[migration.version](atNext, before);
      } finally {
        atNext.close();
      }
    });
  }
});

describe('0005-document-fields', () => {
  it('gives scenarios and run plans stored without document fields empty ones, and keeps fields already there', () => {
    const file = path.join(tempDir(), DB_FILE);
    const before = shipped.slice(0, versionOf('0005-document-fields') - 1);
    const atThree = openDatabase(file, { migrations: before });
    // Written as DrillDesk wrote it before 0005: no fields; and a second scenario that has some.
    putVersionOneDrill(atThree);
    atThree.prepare("INSERT INTO scenarios (id, title, meta, revision, source_id, created_at, updated_at) SELECT 'sc2', title, json_set(meta, '$.docFields', json('{\"unit\":\"县水务局\"}')), revision, source_id, created_at, updated_at FROM scenarios WHERE id = 'sc1'").run();
    atThree.close();
    const db = openDatabase(file, { migrations: shipped });
    try {
      const fieldsOf = (sql: string) => (db.prepare(sql).all() as { fields: string }[]).map((row) => JSON.parse(row.fields) as unknown);
      expect(fieldsOf("SELECT json_extract(meta, '$.docFields') AS fields FROM scenarios ORDER BY id")).toEqual([EMPTY_DOC_FIELDS, { unit: '县水务局' }]);
      expect(fieldsOf("SELECT json_extract(plan, '$.docFields') AS fields FROM runs")).toEqual([EMPTY_DOC_FIELDS]);
      expect(fieldsOf('SELECT doc_fields AS fields FROM runs')).toEqual([EMPTY_DOC_FIELDS]);
    } finally {
      db.close();
    }
  });
});

describe('0002-time-zone', () => {
  it('gives scenarios and run plans stored without a zone Asia/Shanghai, and keeps a zone already there', () => {
    const file = path.join(tempDir(), DB_FILE);
    const atOne = openDatabase(file, { migrations: shipped.slice(0, 1) });
    // Today's service cannot write a version-1 database, so the drill is written as DrillDesk 1 did, and copied once.
    putVersionOneDrill(atOne);
    const [scenarioId, runId] = ['sc1', 'run1'];
    const second = { scenarioId: 'sc2', runId: 'run2' };
    atOne.prepare("INSERT INTO scenarios (id, title, meta, revision, source_id, created_at, updated_at) SELECT 'sc2', title, meta, revision, source_id, created_at, updated_at FROM scenarios WHERE id = 'sc1'").run();
    atOne.prepare("INSERT INTO runs (id, scenario_id, name, started_at, ended_at, status, source, plan, created_at) SELECT 'run2', 'sc2', name, started_at, ended_at, status, source, plan, created_at FROM runs WHERE id = 'run1'").run();
    // What version 1 wrote: no zone at all; and one scenario whose zone was set elsewhere.
    atOne.prepare("UPDATE scenarios SET meta = json_remove(meta, '$.timeZone') WHERE id = ?").run(scenarioId);
    atOne.prepare("UPDATE runs SET plan = json_remove(plan, '$.timeZone') WHERE id = ?").run(runId);
    atOne.prepare("UPDATE scenarios SET meta = json_set(meta, '$.timeZone', 'Europe/Berlin') WHERE id = ?").run(second.scenarioId);
    const legacy = atOne.prepare("SELECT json_type(meta, '$.timeZone') AS type FROM scenarios WHERE id = ?").get(scenarioId);
    expect(legacy).toEqual({ type: null });
    atOne.close();

    const atTwo = openDatabase(file, { migrations: shipped.slice(0, 2) });
    try {
      const zoneOf = (table: 'scenarios' | 'runs', id: string) =>
        (atTwo.prepare(`SELECT json_extract(${table === 'scenarios' ? 'meta' : 'plan'}, '$.timeZone') AS zone FROM ${table} WHERE id = ?`).get(id) as { zone: string }).zone;
      expect(zoneOf('scenarios', scenarioId)).toBe('Asia/Shanghai');
      expect(zoneOf('runs', runId)).toBe('Asia/Shanghai');
      expect(zoneOf('scenarios', second.scenarioId)).toBe('Europe/Berlin');
      expect(zoneOf('runs', second.runId)).toBe('Asia/Shanghai');
    } finally {
      atTwo.close();
    }
    // Today's service, on the database brought to the latest version, reads them back with the zone.
    const atLatest = openDatabase(file, { migrations: shipped });
    try {
      const service = createService({ db: atLatest, dataDir: path.dirname(file), templates: loadTemplates(TEMPLATES_DIR), prefs: memoryPrefsStore(), now: () => NOW });
      expect((service.getScenario({ id: scenarioId }) as { timeZone: string }).timeZone).toBe('Asia/Shanghai');
      expect((service.getRun({ id: runId }) as { run: { plan: { timeZone: string } } }).run.plan.timeZone).toBe('Asia/Shanghai');
    } finally {
      atLatest.close();
    }
  });
});

describe('migrating a database that holds a drill', () => {
  it('migrates N-1 to N keeping every scenario, run, event, annotation and fragment', () => {
    for (const migration of later) {
      const file = path.join(tempDir(), DB_FILE);
      const atPrevious = openDatabase(file, { migrations: extended.slice(0, migration.version - 1) });
      putRealisticData(atPrevious);
      const before = keptRows(atPrevious);
      atPrevious.close();

      const atNext = openDatabase(file, { migrations: extended.slice(0, migration.version) });
      try {
        expect(schemaVersionOf(atNext)).toBe(migration.version);
        expect(keptRows(atNext)).toEqual(before);
        if (migration === later[0]) {
          const tags = atNext.prepare('SELECT DISTINCT tags FROM steps').all();
          expect(tags).toEqual([{ tags: '[]' }]);
        } else {
          expect(atNext.prepare("SELECT COUNT(*) AS n FROM fragments WHERE notes = ''").get()).toEqual({ n: before.fragments.length });
        }
      } finally {
        atNext.close();
      }
    }
  });

  it('records each applied migration with its checksum and sets user_version', () => {
    const db = openDatabase(path.join(tempDir(), DB_FILE), { migrations: extended });
    try {
      const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as { version: number; name: string; checksum: string }[];
      expect(applied.map((row) => row.name)).toEqual(extended.map((m) => m.name));
      expect(applied.every((row) => /^[0-9a-f]{16}$/.test(row.checksum))).toBe(true);
      expect(schemaVersionOf(db)).toBe(extended.length);
    } finally {
      db.close();
    }
  });
});

describe('the schema', () => {
  it('of a fresh install equals the schema migrated one version at a time from version 1', () => {
    for (const list of [shipped, extended]) {
      const fresh = path.join(tempDir(), DB_FILE);
      openDatabase(fresh, { migrations: list }).close();

      const stepwise = path.join(tempDir(), DB_FILE);
      for (let version = 1; version <= list.length; version++) {
        const db = openDatabase(stepwise, { migrations: list.slice(0, version) });
        expect(schemaVersionOf(db)).toBe(version);
        db.close();
      }
      expect(schemaOf(stepwise)).toEqual(schemaOf(fresh));
    }
  });
});

describe('refusals', () => {
  it('refuses a database from a newer DrillDesk, with a message, leaving the file untouched', () => {
    const file = path.join(tempDir(), DB_FILE);
    openDatabase(file, { migrations: extended }).close();
    const hash = sha256Of(file);
    let error: unknown;
    try {
      openDatabase(file, { migrations: shipped });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StorageOpenError);
    expect((error as StorageOpenError).kind).toBe('too-new');
    expect((error as StorageOpenError).message).toMatch(`newer DrillDesk (schema ${extended.length}, this version knows ${shipped.length}); update DrillDesk`);
    expect(sha256Of(file)).toBe(hash);
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const file = path.join(tempDir(), DB_FILE);
    openDatabase(file, { migrations: extended }).close();
    const edited = extended.map((m) => (m === later[0] ? { ...m, sql: `${m.sql}\n-- edited after shipping` } : m));
    expect(() => openDatabase(file, { migrations: edited })).toThrow(/differs from the one applied/);
  });

  it('leaves user_version at N-1, with a backup of the N-1 database, when migration N throws', () => {
    const dataDir = tempDir();
    const first = openDataDir(dataDir, { migrations: shipped, now: () => NOW });
    putRealisticData(first.db);
    const before = dumpOf(first.file);
    first.close();

    const broken: Migration = {
      version: shipped.length + 1,
      name: `${String(shipped.length + 1).padStart(4, '0')}-test-broken`,
      sql: `CREATE TABLE checklists (id TEXT PRIMARY KEY);
            INSERT INTO checklists VALUES ('c1');
            UPDATE no_such_table SET x = 1;`,
    };
    let error: unknown;
    try {
      openDataDir(dataDir, { migrations: [...shipped, broken], now: () => NOW });
    } catch (caught) {
      error = caught;
    }
    expect((error as StorageOpenError).kind).toBe('migration-failed');
    expect((error as StorageOpenError).message).toMatch(/test-broken failed: no such table/);

    // Nothing of the failed migration stayed, the data is as it was, and the file was not moved aside.
    const file = path.join(dataDir, DB_FILE);
    expect(dumpOf(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    expect(schemaVersionOf(db)).toBe(shipped.length);
    db.close();
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('damaged'))).toEqual([]);

    // The backup taken just before it holds the same data and is healthy.
    const backups = listBackups(dataDir);
    expect(backups.map((b) => b.name)).toEqual([`drilldesk-2026-06-01T09-00-00-000Z-before-migration-${broken.version}.sqlite`]);
    const backupFile = path.join(backupDirOf(dataDir), backups[0].name);
    expect(isHealthyDatabase(backupFile)).toBe(true);
    expect(JSON.parse(dumpOf(backupFile)).rows).toEqual(JSON.parse(before).rows);

    // The app still opens the folder at the version it knows.
    openDataDir(dataDir, { migrations: shipped }).close();
  });

  it('takes a backup before each migration of an existing database, not for a new one', () => {
    const dataDir = tempDir();
    openDataDir(dataDir, { migrations: shipped, now: () => NOW }).close();
    expect(listBackups(dataDir)).toEqual([]);
    openDataDir(dataDir, { migrations: extended, now: () => NOW }).close();
    expect(listBackups(dataDir).map((b) => b.name.replace(/^drilldesk-[^Z]+Z-/, ''))).toEqual(
      later.map((m) => `before-migration-${m.version}.sqlite`),
    );
  });
});

describe('0008-roster-arrangements', () => {
  it('gives roles, scenarios and run plans stored without the roster fields and arrangements empty ones, and keeps values already there', () => {
    const file = path.join(tempDir(), DB_FILE);
    const version = versionOf('0008-roster-arrangements');
    const atPrevious = openDatabase(file, { migrations: shipped.slice(0, version - 1) });
    const { scenarioId, runId } = putRealisticData(atPrevious);
    // As DrillDesk wrote them before 0008: no such fields; one role already has a mark (a file imported by a newer build).
    const strip = `'$.mark', '$.assemblyPlace', '$.assemblyTime', '$.inPlaceTime', '$.inPlaceLocation', '$.backup'`;
    atPrevious.exec(`UPDATE roles SET data = json_remove(data, ${strip});
      UPDATE scenarios SET meta = json_remove(meta, '$.arrangements');
      UPDATE runs SET plan = json_remove(plan, '$.arrangements');
      UPDATE runs SET plan = json_set(plan, '$.roles', (SELECT json_group_array(json_remove(value, ${strip})) FROM json_each(runs.plan, '$.roles')));`);
    const first = atPrevious.prepare('SELECT id FROM roles WHERE scenario_id = ? ORDER BY ord LIMIT 1').get(scenarioId) as { id: string };
    atPrevious.prepare(`UPDATE roles SET data = json_set(data, '$.mark', '红色袖标') WHERE id = ?`).run(first.id);
    expect(atPrevious.prepare(`SELECT COUNT(*) AS n FROM roles WHERE json_type(data, '$.backup') IS NULL`).get()).toEqual({ n: expect.any(Number) });
    atPrevious.close();

    const db = openDatabase(file, { migrations: shipped });
    try {
      const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
      const scenario = service.getScenario({ id: scenarioId }) as { roles: Record<string, unknown>[]; arrangements: unknown };
      expect(scenario.arrangements).toEqual(EMPTY_ARRANGEMENTS);
      expect(scenario.roles.length).toBeGreaterThan(3);
      for (const role of scenario.roles) for (const field of ROLE_ROSTER_FIELDS) expect(typeof role[field]).toBe('string');
      expect(scenario.roles.find((role) => role.id === first.id)).toMatchObject({ mark: '红色袖标', backup: '' });
      const { run } = service.getRun({ id: runId }) as { run: { plan: { roles: Record<string, unknown>[]; arrangements: unknown } } };
      expect(run.plan.arrangements).toEqual(EMPTY_ARRANGEMENTS);
      expect(run.plan.roles.map((role) => role.backup)).toEqual(run.plan.roles.map(() => ''));
    } finally {
      db.close();
    }
  });
});

describe('0009-scenario-time', () => {
  it('gives the steps of drills, run plans and fragments stored without a scenario time an empty one, and keeps one already there', () => {
    const file = path.join(tempDir(), DB_FILE);
    const version = versionOf('0009-scenario-time');
    const atPrevious = openDatabase(file, { migrations: shipped.slice(0, version - 1) });
    const { scenarioId, runId, stepCount } = putRealisticData(atPrevious);
    // As DrillDesk wrote them before 0009: no such field; one step already has one (a file imported by a newer build).
    atPrevious.exec(STEP_FIELD('scenarioTime', '', 'json_remove'));
    const first = atPrevious.prepare('SELECT id FROM steps WHERE scenario_id = ? ORDER BY ord LIMIT 1').get(scenarioId) as { id: string };
    atPrevious.prepare(`UPDATE steps SET data = json_set(data, '$.scenarioTime', '6月17日 22:00') WHERE id = ?`).run(first.id);
    expect(atPrevious.prepare(`SELECT COUNT(*) AS n FROM steps WHERE json_type(data, '$.scenarioTime') IS NULL`).get()).toEqual({ n: stepCount - 1 });
    atPrevious.close();

    const db = openDatabase(file, { migrations: shipped });
    try {
      const service = createService({ db, dataDir: path.dirname(db.name), templates: [], prefs: memoryPrefsStore(), now: () => NOW });
      const scenario = service.getScenario({ id: scenarioId }) as { steps: { id: string; scenarioTime: string }[] };
      expect(scenario.steps.map((step) => step.scenarioTime)).toEqual(scenario.steps.map((step) => (step.id === first.id ? '6月17日 22:00' : '')));
      const { run } = service.getRun({ id: runId }) as { run: { plan: { steps: { scenarioTime: string }[] } } };
      expect(run.plan.steps.map((step) => step.scenarioTime)).toEqual(run.plan.steps.map(() => ''));
      const fragments = db.prepare("SELECT json_extract(body, '$.steps[0].scenarioTime') AS time FROM fragments").all();
      expect(fragments).toEqual([{ time: '' }]);
    } finally {
      db.close();
    }
  });
});
