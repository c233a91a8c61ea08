/**
 * Hostile and broken input: the corpus in tests/fixtures/hostile/ (scenario
 * files `s*.drill.json` and run logs `r*.csv`, against the plan in
 * `base.drill.json`), imported through the dispatcher and through HTTP, and
 * checked by the command line. Each bad file is refused with a message that
 * names the problem and the database is unchanged; markup and links are
 * accepted and kept as the exact text they are (React renders text, never
 * HTML: see security.test.ts); the process never crashes; the size limit is
 * checked before anything is parsed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, type Envelope } from '../../shared/api';
import type { ScenarioBody } from '../../shared/model';
import type { Backend } from '../../electron/core/backend';
import { zipOf } from '../support/officeFiles';
import { forgedZipsOf, honestlyHugeXlsxOf, zipBombOf } from '../fixtures/zip/forgedZips';
import { runCli } from '../support/cli';
import { dumpOf, HOSTILE_DIR, removeTempDirs, servedTestBackend, tempDir, valueOf, type ServedBackend } from '../support/storage';
import { wordedErrorOf } from '../support/storage';

type Expectation = RegExp | 'kept as text';

/** Each scenario file and what must come of it: the refusal's words, or acceptance. */
const scenarioFiles: Record<string, Expectation> = {
  's01-truncated.drill.json': /not valid JSON\n.*Unterminated string/,
  's02-empty.drill.json': /not valid JSON\n.*Unexpected end of JSON input/,
  's03-not-an-object.drill.json': /not a scenario file: expected an object with "formatVersion" and "scenario"/,
  's04-wrong-types.drill.json': /scenario\.title: has the wrong type \(expected string\)/,
  's05-unknown-format-version.drill.json': /formatVersion 99 is newer than this DrillDesk understands \(2\); update DrillDesk/,
  's06-format-version-as-text.drill.json': /formatVersion: missing or not a positive whole number/,
  's07-format-version-missing.drill.json': /formatVersion: missing or not a positive whole number/,
  's08-dangling-edge.drill.json': /edge "e9" ends at missing step "nope"/,
  's09-duplicate-step-ids.drill.json': /scenario\.steps\[3\]\.id: duplicate step id "s1"/,
  's10-duplicate-edge-ids.drill.json': /scenario\.edges\[2\]\.id: duplicate edge id "e1"/,
  's11-missing-role.drill.json': /step "启用备用发电机" names missing role "r-ghost"/,
  's12-cycle.drill.json': /the steps “[^”]+” → .*“自来水厂停电”.* form a cycle/,
  's13-deep-nesting.drill.json': /nested more than 64 levels deep/,
  's14-proto-key.drill.json': /scenario: has unknown fields: __proto__/,
  's15-constructor-prototype.drill.json': /scenario\.steps\.0: has unknown fields: constructor/,
  's16-markup-in-labels.drill.json': 'kept as text',
  's17-javascript-links.drill.json': 'kept as text',
  's18-control-characters.drill.json': /scenario\.steps\.0\.title: contains control characters or broken Unicode/,
  's19-lone-surrogate.drill.json': /scenario\.steps\.1\.title: contains control characters or broken Unicode/,
  's20-negative-duration.drill.json': /scenario\.steps\.1\.durationMin: must not be negative/,
  's21-absurd-duration.drill.json': /scenario\.steps\.1\.durationMin: must be at most 10080 minutes/,
  's22-infinite-number.drill.json': /scenario\.edges\.0\.lagMin: has the wrong type \(expected number\)/,
  's23-absurd-position.drill.json': /scenario\.steps\.0\.position\.x: must not be more than 10000000/,
  's24-unknown-top-level-key.drill.json': /has unknown fields: payload/,
  's25-path-like-id.drill.json': /scenario\.steps\.2\.id: must be letters, digits, "-" or "_"/,
  's26-huge-title.drill.json': /scenario\.title: at most 200 characters/,
  's27-binary-garbage.drill.json': /the drill file is neither UTF-8 nor GB18030 text/,
  's28-unknown-step-kind.drill.json': /scenario\.steps\.1\.kind: is not acceptable/,
  's29-number-as-text.drill.json': /scenario\.steps\.1\.durationMin: has the wrong type \(expected number\)/,
  's30-null-scenario.drill.json': /scenario: has the wrong type \(expected object\)/,
  's31-self-loop.drill.json': /the steps “启用备用发电机” → “启用备用发电机” form a cycle/,
  's32-too-many-objectives.drill.json': /scenario\.objectives: at most 200 entries/,
  's33-nan-literal.drill.json': /not valid JSON\n.*Unexpected token 'N'/,
  's34-role-reports-to-itself.drill.json': /role "供水保障组" reports to itself/,
  's35-bad-date.drill.json': /scenario\.drillDate: must be a date YYYY-MM-DD/,
  's36-eval-item-missing-step.drill.json': /scenario\.evaluation\.forms\[0\]\.sections\[0\]\.items\[1\]\.stepIds\[1\]: evaluation item "恢复供水前水质检测" links missing step "s99"/,
  's37-eval-item-missing-objective.drill.json': /items\[0\]\.objectiveIds\[0\]: evaluation item "备用发电机及时启用" links missing objective "obj-9"/,
  's38-eval-assignment-missing-role.drill.json': /scenario\.evaluation\.assignments\[0\]\.roleId: evaluation assignment names missing role "r-ghost"/,
  's39-eval-unknown-scheme.drill.json': /scenario\.evaluation\.forms\.0\.scheme: must be one of: checklist, points, hseep/,
  's40-eval-duplicate-item-ids.drill.json': /items\[1\]\.id: duplicate evaluation item id "i1"/,
  's41-eval-absurd-points.drill.json': /scenario\.evaluation\.forms\.0\.sections\.0\.items\.0\.maxPoints: must not be more than 1000/,
  's42-eval-assignment-foreign-section.drill.json': /evaluation assignment names section "sec2", which is not in its forms/,
};

/** Each run log (imported against base.drill.json) and what must come of it. */
const runLogs: Record<string, Expectation> = {
  'r01-unclosed-quote.csv': /row 2: a quoted cell is never closed/,
  'r02-empty.csv': /the file has no events/,
  'r03-header-only.csv': /the file has no events/,
  'r04-unknown-step.csv': /row 3: the drill has no step "炸毁大坝"/,
  'r05-unknown-kind.csv': /row 2: unknown event kind "爆炸"/,
  'r06-bad-time.csv': /row 2: "25:99" is not a valid time/,
  'r07-step-missing.csv': /row 2: this kind of event must name a step/,
  'r08-rating-out-of-range.csv': /row 2: the rating "9" must be a whole number from 1 to 5/,
  'r09-markup-text.csv': 'kept as text',
  'r10-control-characters.csv': /row 2: .*contains control characters or broken Unicode/,
  'r11-not-utf8.csv': /the CSV file is neither UTF-8 nor GB18030 text/,
  'r12-before-start.csv': /row 3: the time is before the run start/,
  'r13-formula-injection.csv': 'kept as text',
  'r14-absurd-shift.csv': /row 3: .*shiftMin: must not be more than 10080/,
  'r15-negative-absurd-shift.csv': /row 3: .*shiftMin: must not be less than -10080/,
  'r16-branch-without-choice.csv': /row 2: write the branch taken in the text column/,
  'r17-binary-garbage.csv': /the CSV file is neither UTF-8 nor GB18030 text/,
  'r18-unknown-role.csv': /row 2: the drill has no role "外星人"/,
  'r19-eval-rating-outside-scheme.csv': /row 3: the rating "优秀" does not fit the scoring of form "停电应急演练评估表" \(allowed: met, partly, not-met, na\)/,
  'r20-eval-unknown-item.csv': /row 3: the drill's evaluation forms have no item "9\.9"/,
  'r21-eval-item-of-another-scenario.csv': /row 3: the drill's evaluation forms have no item "item-flood-season-01"/,
  'r22-eval-rating-missing.csv': /row 2: an evaluation row must give the rating/,
  'r23-hot-wash-without-text.csv': /row 2: an on-the-spot comment needs its text in the text column/,
};

/** Each evaluation form file (read by importEvalForm, nothing stored) and what must come of it. */
const formFiles: Record<string, RegExp> = {
  'f01-no-item-column.csv': /file "f01-no-item-column\.csv": No recognisable item column: the header \(in the first 12 rows\) needs a column such as 评估内容/,
  'f02-not-a-workbook.xlsx': /file "f02-not-a-workbook\.xlsx": The file is neither UTF-8 nor GB18030 text/,
  'f03-bad-points.csv': /file "f03-bad-points\.csv", row 2: The points "十分" must be a number from 1 to 1000/,
  'f04-header-only.csv': /The table has no items/,
  'f05-binary-garbage.csv': /file "f05-binary-garbage\.csv": The file is neither UTF-8 nor GB18030 text/,
};

/** Each drill-script file (imported with importPlanTable) and what must come of it. */
const planFiles: Record<string, Expectation> = {
  'p01-legacy-word.doc': /old Word document \(\.doc\).*Save it as \.docx in Word or WPS/,
  'p02-legacy-excel.xls': /old Excel workbook \(\.xls\).*Save it as \.xlsx/,
  'p03-password-protected.docx': /protected by a password \(encrypted\)/,
  'p04-encrypted-zip-parts.xlsx': /protected by a password \(encrypted\)/,
  'p05-zip-bomb.docx': /The part "word\/document\.xml" of the file unpacks to more than the \d+ bytes it declares: the file is forged \(a zip bomb\)/,
  'p06-declared-huge.xlsx': /would unpack to more than 200 MB/,
  'p07-binary-garbage.xlsx': /neither UTF-8 nor GB18030 text/,
  'p08-truncated.docx': /The file is damaged: no zip directory/,
  'p09-broken-xml.docx': /Not a readable Word document: .*unexpected close tag/,
  'p10-too-many-columns.csv': /too many columns \(more than 64\)/,
  'p11-control-characters.csv': /row 3, column "情景内容": Contains control characters or broken Unicode: "停电�"/,
  'p12-no-content-column.csv': /No header found/,
  'p13-header-only.docx': /row 1: There are no steps below the header/,
  'p14-markup-and-formulas.docx': 'kept as text',
  'p15-openaev-wrong-types.json': /"scenario_injects\.0\.inject_depends_duration" is not acceptable: Too small/,
  'p16-openaev-cycle.json': /The steps form a cycle: “甲” → “乙” → “甲”/,
  'p17-empty.csv': /The file is empty/,
  'p18-rtf-saved-as.doc': /old Word document \(\.doc\)/,
  'p19-overlong-cell.csv': /row 2, column "处置动作": The text is too long \(over 20000 characters\)/,
  'p20-unclosed-quote.csv': /row 3: A quoted cell is never closed/,
  'p21-no-tables.docx': /The file has no tables/,
  'p22-not-openaev.json': /not an OpenAEV scenario export/,
};

const readFixture = (name: string) => fs.readFileSync(path.join(HOSTILE_DIR, name), 'utf8');
const noStackTrace = (envelope: Envelope<unknown>) => expect(JSON.stringify(envelope)).not.toMatch(/\\n\s+at |node:internal|\.ts:\d+:\d+/);

let served: ServedBackend;
let backend: Backend;
let dbFile: string;
let planId: string;
const overHttp = (method: string, arg: unknown) => served.overHttp(method, arg);

beforeAll(async () => {
  served = await servedTestBackend();
  ({ backend, dbFile } = served);
  planId = (await valueOf(backend, 'importScenario', { text: readFixture('base.drill.json') })).id;
});
afterAll(async () => {
  await served.close();
  removeTempDirs();
});

/** Imports one corpus file's bytes, as the app sends them, through the dispatcher and over HTTP. */
async function importBoth(name: string): Promise<{ direct: Envelope<unknown>; http: Envelope<unknown> }> {
  const dataBase64 = fs.readFileSync(path.join(HOSTILE_DIR, name)).toString('base64');
  const [method, arg] = name.startsWith('f')
    ? ['importEvalForm', { fileName: name, dataBase64 }]
    : name.endsWith('.csv')
      ? ['importRunCsv', { scenarioId: planId, name: `导入 ${name}`, dataBase64 }]
      : ['importScenario', { dataBase64 }];
  return { direct: await backend.call(method, arg), http: await overHttp(method, arg) };
}

describe('the hostile corpus', () => {
  it('holds at least 30 bad files, each with its expected outcome here', () => {
    const files = fs.readdirSync(HOSTILE_DIR).filter((name) => name !== 'base.drill.json' && name !== 'README.md' && !name.endsWith('.ts'));
    expect(files.sort()).toEqual([...Object.keys(scenarioFiles), ...Object.keys(runLogs), ...Object.keys(planFiles), ...Object.keys(formFiles)].sort());
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, expected] of [...Object.entries(scenarioFiles), ...Object.entries(runLogs), ...Object.entries(formFiles)].filter(([, e]) => e instanceof RegExp)) {
    it(`refuses ${name}, naming the problem, the same over HTTP, with the database unchanged`, async () => {
      const before = dumpOf(dbFile);
      const { direct, http } = await importBoth(name);
      expect(direct.ok).toBe(false);
      if (direct.ok) return;
      expect(direct.error.code).toBe('invalid-argument');
      expect([wordedErrorOf(direct.error).message, ...wordedErrorOf(direct.error).details].join('\n')).toMatch(expected as RegExp);
      expect(http).toEqual(direct);
      noStackTrace(direct);
      expect(dumpOf(dbFile)).toBe(before);
    });
  }

  it('keeps markup and javascript: links in scenario files as the exact text they are', async () => {
    for (const name of ['s16-markup-in-labels.drill.json', 's17-javascript-links.drill.json']) {
      const file = JSON.parse(readFixture(name)) as { scenario: ScenarioBody };
      const summary = await valueOf(backend, 'importScenario', { text: readFixture(name) });
      const stored = await valueOf(backend, 'getScenario', { id: summary.id });
      expect(stored.title).toBe(file.scenario.title);
      expect(stored.description).toBe(file.scenario.description ?? '');
      expect(stored.location).toBe(file.scenario.location ?? '');
      for (const step of file.scenario.steps) expect(stored.steps.find((s) => s.id === step.id)).toMatchObject({ title: step.title, ...(step.description ? { description: step.description } : {}) });
      expect(stored.roles.map((r) => r.name)).toEqual(file.scenario.roles.map((r) => r.name));
      expect(stored.edges.map((e) => e.label)).toEqual(file.scenario.edges.map((e) => e.label ?? ''));
      // And it exports back unchanged.
      const exported = JSON.parse((await valueOf(backend, 'exportScenario', { id: summary.id })).text) as { scenario: ScenarioBody };
      expect(exported.scenario.title).toBe(file.scenario.title);
    }
  });

  it('keeps markup and spreadsheet formulas in run logs as the exact text they are', async () => {
    for (const name of ['r09-markup-text.csv', 'r13-formula-injection.csv']) {
      const run = await valueOf(backend, 'importRunCsv', { scenarioId: planId, name, csv: readFixture(name) });
      const texts = (await valueOf(backend, 'getRun', { id: run.id })).events.map((e) => e.text);
      expect(texts).toEqual(
        name.startsWith('r09')
          ? ['<img src=x onerror="window.pwned=1"> 电话通知', '<script>window.pwned=1</script>']
          : ['=HYPERLINK("https://evil.example","点击")', "=cmd|' /C calc'!A0"],
      );
    }
  });

  it('leaves Object.prototype alone', () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
  });

  it('refuses text with a lone surrogate in a run log sent over the API', async () => {
    const before = dumpOf(dbFile);
    const csv = '时间,步骤,事件类型,角色,内容\n09:00,自来水厂停电,注入,总指挥,电话\ud800通知\n';
    for (const envelope of [await backend.call('importRunCsv', { scenarioId: planId, name: 'x', csv }), await overHttp('importRunCsv', { scenarioId: planId, name: 'x', csv })]) {
      expect(envelope.ok).toBe(false);
      expect(!envelope.ok && wordedErrorOf(envelope.error).details.join(' ')).toMatch(/row 2: .*broken Unicode/);
    }
    expect(dumpOf(dbFile)).toBe(before);
  });
});

/** A drill-script file's bytes as the import call's argument. */
const planArg = (name: string, data: Buffer = fs.readFileSync(path.join(HOSTILE_DIR, name))) => ({ fileName: name, dataBase64: data.toString('base64') });

describe('hostile drill scripts', () => {
  for (const [name, expected] of Object.entries(planFiles).filter(([, e]) => e instanceof RegExp)) {
    it(`refuses ${name} with its reason, the same over HTTP, with the database unchanged`, async () => {
      const before = dumpOf(dbFile);
      const direct = await backend.call('importPlanTable', planArg(name));
      expect(direct.ok).toBe(false);
      if (direct.ok) return;
      expect(direct.error.code).toBe('invalid-argument');
      expect(wordedErrorOf(direct.error).message).toContain(`file "${name}"`);
      expect([wordedErrorOf(direct.error).message, ...wordedErrorOf(direct.error).details].join('\n')).toMatch(expected as RegExp);
      expect(await overHttp('importPlanTable', planArg(name))).toEqual(direct);
      noStackTrace(direct);
      expect(dumpOf(dbFile)).toBe(before);
    });
  }

  it('keeps markup and formulas in a Word script as the exact text they are', async () => {
    const summary = await valueOf(backend, 'importPlanTable', planArg('p14-markup-and-formulas.docx'));
    const stored = await valueOf(backend, 'getScenario', { id: summary.id });
    expect(stored.title).toBe('<script>alert(1)</script>演练');
    expect(stored.steps.map((s) => s.title)).toEqual(['<img src=x onerror="window.pwned=1">暴雨', '=HYPERLINK("https://evil.example","点击")', "=cmd|' /C calc'"]);
    expect(stored.steps[2].description).toBe("=cmd|' /C calc'!A0");
    expect(stored.steps[1].notes).toBe('javascript:alert(1)');
  });

});

describe('forged Office files (tests/fixtures/zip/forgedZips.ts)', () => {
  /** What the import says about each forgery (`scriptImport.issue.*`), after `file "演练脚本.xlsx": `. */
  const said: Record<string, RegExp> = {
    encrypted: /protected by a password \(encrypted\)/,
    'unsupported-compression': /The part "xl\/worksheets\/sheet1\.xml" of the file uses an unsupported compression method \(99\)/,
    zip64: /zip64 files are not supported/,
    'bad-entry-name': /a part with an unsafe name, "\.\.\/\.\.\/etc\/cron\.d\/x"/,
    'duplicate-entry': /two parts named "xl\/worksheets\/sheet1\.xml"/,
    'too-many-entries': /too many parts \(5001, at most 5000\)/,
    damaged: /The file is damaged \(bad compressed data or directory\)/,
  };
  const cases: [string, Buffer, RegExp][] = [
    ['a zip bomb: an .xlsx whose sheet declares 2 KB and inflates to 1 GB', zipBombOf(), /The part "xl\/worksheets\/sheet1\.xml" of the file unpacks to more than the 2048 bytes it declares: the file is forged \(a zip bomb\)/],
    ['an .xlsx that honestly unpacks to 210 MB', honestlyHugeXlsxOf(210), /The file would unpack to more than 200 MB/],
    // (A forgery that is not a zip at all is text, read as a CSV table: not a case here.)
    ...Object.entries(forgedZipsOf())
      .filter(([, { code }]) => code !== 'not-a-zip')
      .map(([what, { bytes, code }]): [string, Buffer, RegExp] => [what, bytes, said[code]]),
  ];

  for (const [what, bytes, expected] of cases) {
    it(`refuses ${what}, saying why, the same over HTTP, with the database unchanged`, async () => {
      const before = dumpOf(dbFile);
      const arg = planArg('演练脚本.xlsx', bytes);
      const direct = await backend.call('importPlanTable', arg);
      expect(direct.ok).toBe(false);
      if (direct.ok) return;
      expect(direct.error.code).toBe('invalid-argument');
      expect(wordedErrorOf(direct.error).message).toMatch(/^file "演练脚本\.xlsx": /);
      expect(wordedErrorOf(direct.error).message).toMatch(expected);
      expect(await overHttp('importPlanTable', arg)).toEqual(direct);
      noStackTrace(direct);
      expect(dumpOf(dbFile)).toBe(before);
    });
  }
});

// (After the drill-script tests: the oversized HTTP bodies below end the server's pooled connections.)
describe('the size limit', () => {
  // Deeply nested brackets: had it been parsed, the depth check or the JSON parser would have answered instead.
  const oversized = '['.repeat(MAX_IMPORT_BYTES + 1024);

  it('refuses a scenario file or run log over 20 MB before parsing it, the same over HTTP', async () => {
    const before = dumpOf(dbFile);
    for (const [method, arg] of [
      ['importScenario', { text: oversized }],
      ['importRunCsv', { scenarioId: planId, name: '超大日志', csv: oversized }],
    ] as const) {
      // How long the refusal takes is measured by `npm run bench` (bench/limits.ts), not asserted here.
      const direct = await backend.call(method, arg);
      expect(direct).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!direct.ok && wordedErrorOf(direct.error).message).toMatch(/file is larger than 20 MB/);
      expect(await overHttp(method, arg)).toEqual(direct);
    }
    expect(dumpOf(dbFile)).toBe(before);
  });

  it('is checked by the command line from the file size, before reading', () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.drill.json');
    fs.writeFileSync(file, oversized);
    const result = runCli(['validate', file, '--lang', 'en'], { timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}: larger than 20 MB`);
  });
});

describe('the command line', () => {
  it('refuses every bad scenario file of the corpus with its reason and no stack trace', () => {
    const files = Object.keys(scenarioFiles).map((name) => path.join(HOSTILE_DIR, name));
    const result = runCli(['validate', ...files, '--lang', 'en']);
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(/\n\s+at |node:internal/);
    for (const [name, expected] of Object.entries(scenarioFiles)) {
      const lines = output.split('\n').filter((line) => line.startsWith(path.join(HOSTILE_DIR, name)));
      expect(lines.length, name).toBeGreaterThan(0);
      if (expected instanceof RegExp) expect(lines.join('\n'), name).toMatch(expected);
    }
  });
});

// Long calls without HTTP traffic last, so an idle pooled connection never meets a server that has timed it out.
describe('hostile drill scripts, large and on the command line', () => {
  it('refuses the files that took the back end down, for their size, before building anything', async () => {
    const before = dumpOf(dbFile);
    // 9,000 rows at 09:00 and 9,000 at 09:01: once 81 million edges.
    const sameTime = Buffer.from(['时间,处置动作', ...Array.from({ length: 9_000 }, (_, i) => `09:00,甲${i}`), ...Array.from({ length: 9_000 }, (_, i) => `09:01,乙${i}`)].join('\n'));
    // 200,000 rows.
    const manyRows = Buffer.from(['时间,处置动作', ...Array.from({ length: 200_000 }, (_, i) => `T+${i % 600},步骤${i}`)].join('\n'));
    // A workbook of 60,000 rows (the 1.4-million-row one is in the benchmark).
    const rowsXml = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>09:00</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>步骤${i}</t></is></c></row>`).join('');
    const workbook = zipOf([
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="脚本" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>时间</t></is></c><c r="B1" t="inlineStr"><is><t>处置动作</t></is></c></row>${rowsXml}</sheetData></worksheet>` },
    ]);
    for (const [name, data] of [['same-time.csv', sameTime], ['many-rows.csv', manyRows], ['many-rows.xlsx', workbook]] as const) {
      const envelope = await backend.call('importPlanTable', planArg(name, data));
      expect(envelope.ok, name).toBe(false);
      expect(!envelope.ok && wordedErrorOf(envelope.error).message, name).toContain('The table has too many rows (more than 5000)');
    }
    expect(dumpOf(dbFile)).toBe(before);
  });

  it('are refused by the command line with every problem and no stack trace, in Chinese by default', () => {
    const dataDir = tempDir();
    const expected: Record<string, RegExp> = {
      'p11-control-characters.csv': /文件“p11-control-characters.csv”，第 3 行，“情景内容”列：含有控制字符或损坏的 Unicode：“停电�”/,
      'p01-legacy-word.doc': /文件“p01-legacy-word.doc”：这是旧版 Word 文档（\.doc）.*另存为” \.docx/,
      'p06-declared-huge.xlsx': /文件“p06-declared-huge.xlsx”：文件解压后将超过 200 MB/,
    };
    for (const name of Object.keys(expected)) {
      const result = runCli(['import-plan', path.join(HOSTILE_DIR, name), '--data', dataDir]);
      expect(result.status, name).toBe(1);
      expect(result.stderr, name).toMatch(expected[name]);
      expect(result.stderr + result.stdout).not.toMatch(/\n\s+at |node:internal/);
    }
  }, 240_000);
});
