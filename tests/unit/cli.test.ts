/** The command line, run as a user runs it: exit status and messages. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioBodySchema, type ScenarioBody } from '../../shared/model';
import { equipmentListOf } from '../../shared/drillDocuments';
import { fitsA5Card, roleSheetsOf } from '../../shared/sheets';
import { readZipEntries } from '../../electron/core/zip';
import { runCli, runCliFromSource } from '../support/cli';

const fixtures = path.resolve('tests/fixtures/cli');
const samples = fs.readdirSync('scenarios').filter((name) => name.endsWith('.drill.json')).map((name) => path.join('scenarios', name));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drilldesk-cli-'));

/** Runs the command line with its messages in English (`--lang en`), unless the arguments name a language. */
function drill(...args: string[]) {
  const language = args.includes('--lang') ? [] : ['--lang', 'en'];
  return runCli([...language, ...args]);
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('drill validate', () => {
  it('accepts every sample scenario, started through tsx as `npm run drill` starts it', () => {
    const result = runCliFromSource(['--lang', 'en', 'validate', ...samples]);
    expect(result.status).toBe(0);
    expect(result.stdout.match(/: valid/g)).toHaveLength(samples.length);
  });

  it('names the file and reason for broken JSON, a missing role, a cycle and a newer version', () => {
    const cases: [string, RegExp][] = [
      ['broken-json.drill.json', /broken-json\.drill\.json: not valid JSON/],
      ['missing-role.drill.json', /missing-role\.drill\.json: scenario\.steps\[0\]\.roleIds\[0\]: step "停电通知" names missing role "role-ghost"/],
      ['cycle.drill.json', /cycle\.drill\.json: scenario\.edges: the steps “启动响应” → “现场核查” → “启动响应” form a cycle/],
      ['newer-version.drill.json', /newer-version\.drill\.json: formatVersion 3 is newer than this DrillDesk understands/],
    ];
    for (const [file, message] of cases) {
      const result = drill('validate', path.join(fixtures, file));
      expect(result.status, file).toBe(1);
      expect(result.stderr, file).toMatch(message);
      expect(result.stderr, file).not.toMatch(/\n\s+at /);
    }
  });

  it('fails on a missing file without a stack trace, still checking the others', () => {
    const result = drill('validate', 'no-such-file.drill.json', samples[0]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-such-file.drill.json: cannot read: no such file');
    expect(result.stdout).toContain(': valid');
  });
});

describe('drill import, list and export', () => {
  it('imports a file, lists it, and exports it back to an equal file', () => {
    const composite = samples.find((file) => file.includes('composite'))!;
    const imported = drill('import', composite, '--data', dataDir);
    expect(imported.status).toBe(0);
    const id = /as ([0-9a-f-]+)/.exec(imported.stdout)![1];
    const listed = drill('list', '--data', dataDir);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(id);
    const out = path.join(dataDir, 'out.drill.json');
    expect(drill('export', id, '--data', dataDir, '--out', out).status).toBe(0);
    const original = ScenarioBodySchema.parse(JSON.parse(fs.readFileSync(composite, 'utf8')).scenario);
    const exported = ScenarioBodySchema.parse(JSON.parse(fs.readFileSync(out, 'utf8')).scenario);
    const withoutPositions = (body: ScenarioBody) => ({ ...body, steps: body.steps.map(({ position: _p, ...step }) => step) });
    expect(withoutPositions(exported)).toEqual(withoutPositions(original));
  });

  it('refuses a bad file on import and leaves the database as it was', () => {
    const before = drill('list', '--data', dataDir).stdout;
    const result = drill('import', path.join(fixtures, 'missing-role.drill.json'), '--data', dataDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('names missing role "role-ghost"');
    expect(drill('list', '--data', dataDir).stdout).toBe(before);
  });

  it('explains bad usage', () => {
    expect(drill('export', 'x', '--data', dataDir).stderr).toContain('--out');
    expect(drill('frobnicate').stderr).toContain('unknown command "frobnicate"');
    expect(drill('list').stderr).toContain('--data');
    expect(drill('export', 'nope', '--data', dataDir, '--out', '/tmp/x.json').stderr).toContain('no scenario with id "nope"');
  });
});

describe('drill --lang', () => {
  it('words the same refusal from the catalogue in Chinese by default and with --lang zh, in English with --lang en', () => {
    const broken = path.join(fixtures, 'broken-json.drill.json');
    const chinese = runCli(['validate', broken]);
    expect(chinese.status).toBe(1);
    expect(chinese.stderr).toContain(`${broken}: 不是有效的 JSON 文本`);
    expect(drill('validate', broken, '--lang', 'zh').stderr).toBe(chinese.stderr);
    expect(drill('validate', broken, '--lang', 'en').stderr).toContain(`${broken}: not valid JSON`);
  });

  it('words a back-end refusal in the language asked for', () => {
    const zh = drill('--lang', 'zh', 'export', 'nope', '--data', dataDir, '--out', path.join(dataDir, 'x.json'));
    expect(zh.status).toBe(1);
    expect(zh.stderr).toBe('drill: 找不到演练（编号 nope），可能已被删除。\n');
    const en = drill('--lang', 'en', 'export', 'nope', '--data', dataDir, '--out', path.join(dataDir, 'x.json'));
    expect(en.stderr).toBe('drill: no scenario with id "nope"\n');
  });

  it('refuses a language it does not speak', () => {
    const result = drill('list', '--data', dataDir, '--lang', 'fr');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--lang 只能是 zh 或 en（收到“fr”）');
  });
});

describe('drill sheets --format', () => {
  it('writes Word and Excel files of every document without a browser, the Word files holding every step and role', async () => {
    const composite = samples.find((file) => file.includes('composite'))!;
    const out = path.join(dataDir, 'sheets');
    const result = drill('sheets', composite, '--out', out, '--format', 'docx,xlsx', '--lang', 'zh');
    expect(result.status, result.stderr).toBe(0);
    const body = ScenarioBodySchema.parse(JSON.parse(fs.readFileSync(composite, 'utf8')).scenario);
    const title = body.title.replace(/\s+/g, '_');
    const written = fs.readdirSync(out).sort();
    expect(written).toEqual(
      [
        `${title}-岗位任务卡.docx`,
        `${title}-角色分工表.docx`,
        `${title}-角色分工表.xlsx`,
        `${title}-演练脚本.docx`,
        `${title}-演练脚本.xlsx`,
        `${title}-评估表.docx`,
        `${title}-演练工作方案.docx`,
        `${title}-评估方案.docx`,
        `${title}-保障方案.docx`,
        `${title}-演练通知.docx`,
        `${title}-签到表.docx`,
        `${title}-签到表.xlsx`,
        `${title}-物资装备清单.docx`,
        `${title}-物资装备清单.xlsx`,
        `${title}-演练通讯录.docx`,
        `${title}-演练通讯录.xlsx`,
        ...(body.evaluation.forms.length > 1 ? body.evaluation.forms.map((form) => `${title}-评估表-${form.title.replace(/\s+/g, '_')}.xlsx`) : [`${title}-评估表.xlsx`]),
      ].sort(),
    );
    expect(result.stdout).toContain('Role sheets have no Excel form');
    const { default: mammoth } = await import('mammoth');
    const script = (await mammoth.extractRawText({ path: path.join(out, `${title}-演练脚本.docx`) })).value;
    for (const step of body.steps) expect(script).toContain(step.title);
    const sheets = (await mammoth.extractRawText({ path: path.join(out, `${title}-岗位任务卡.docx`) })).value;
    for (const role of body.roles) expect(sheets).toContain(`【${role.name}】`);
    // The observers' section is their handbook, not an empty task card.
    expect(sheets).toContain('观摩手册');
    const plan = (await mammoth.extractRawText({ path: path.join(out, `${title}-演练工作方案.docx`) })).value;
    for (const heading of ['一、演练目的', '二、编制依据', '四、组织机构及职责', '六、演练阶段及时间安排', '十一、筹备工作安排']) expect(plan).toContain(heading);
    const evaluationPlan = (await mammoth.extractRawText({ path: path.join(out, `${title}-评估方案.docx`) })).value;
    for (const heading of ['评估方案', '二、评估内容', '三、评估标准', '六、评估表', '七、评估报告']) expect(evaluationPlan).toContain(heading);
    for (const item of body.evaluation.forms.flatMap((form) => form.sections.flatMap((section) => section.items))) expect(evaluationPlan).toContain(item.content);
    const supportPlan = (await mammoth.extractRawText({ path: path.join(out, `${title}-保障方案.docx`) })).value;
    for (const heading of ['保障方案', '二、安全保障', '四、通信保障', '七、场地保障']) expect(supportPlan).toContain(heading);
    for (const entry of equipmentListOf(body).summary) expect(supportPlan).toContain(entry.item);
    const signIn = (await mammoth.extractRawText({ path: path.join(out, `${title}-签到表.docx`) })).value;
    for (const person of body.roles.flatMap((role) => role.people)) expect(signIn).toContain(person.name);
    // The tabular documents in Excel, read back: everyone on the sign-in sheet and the contacts, every item on the equipment list.
    const { default: ExcelJS } = await import('exceljs');
    const cellsOf = async (file: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(out, file));
      return workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((cell) => String(cell ?? '')) : [])));
    };
    const signInCells = await cellsOf(`${title}-签到表.xlsx`);
    const contactCells = await cellsOf(`${title}-演练通讯录.xlsx`);
    for (const person of body.roles.flatMap((role) => role.people)) {
      expect(signInCells).toContain(person.name);
      expect(contactCells).toContain(person.phone);
    }
    const equipmentCells = await cellsOf(`${title}-物资装备清单.xlsx`);
    for (const entry of equipmentListOf(body).summary) expect(equipmentCells).toContain(entry.item);
  });

  it('--a5 writes the role sheets with an A5 page per player with few tasks, by the print view\'s rule', async () => {
    const composite = samples.find((file) => file.includes('composite'))!;
    const body = ScenarioBodySchema.parse(JSON.parse(fs.readFileSync(composite, 'utf8')).scenario);
    const title = body.title.replace(/\s+/g, '_');
    const pageSizes = async (dir: string) => {
      const bytes = fs.readFileSync(path.join(dir, `${title}-岗位任务卡.docx`));
      const xml = (await readZipEntries(bytes, { wanted: (name) => name === 'word/document.xml' })).get('word/document.xml')!.toString('utf8');
      return [...xml.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)"/g)].map((m) => `${m[1]}x${m[2]}`);
    };
    const sheets = roleSheetsOf(body);
    const cards = sheets.filter((sheet) => sheet.role.category !== 'observer' && fitsA5Card(sheet));
    expect(cards.length).toBeGreaterThan(0);

    const out = path.join(dataDir, 'sheets-a5');
    const result = drill('sheets', composite, '--out', out, '--a5', '--format', 'docx', '--lang', 'zh');
    expect(result.status, result.stderr).toBe(0);
    const sizes = await pageSizes(out);
    expect(sizes.length).toBe(sheets.length);
    expect(sizes.filter((size) => size === '8391x11906').length).toBe(cards.length);
    expect(sizes.filter((size) => size === '11906x16838').length).toBe(sheets.length - cards.length);
    // Only the role sheets change: the roster is still A4 across.
    expect(fs.readdirSync(out)).toContain(`${title}-角色分工表.docx`);

    const plain = path.join(dataDir, 'sheets-a4');
    expect(drill('sheets', composite, '--out', plain, '--format', 'docx', '--lang', 'zh').status).toBe(0);
    expect((await pageSizes(plain)).filter((size) => size === '8391x11906')).toEqual([]);

    const oneCard = path.join(dataDir, 'sheets-a5-one');
    expect(drill('sheets', composite, '--out', oneCard, '--a5', '--roles', cards[0].role.id, '--format', 'docx', '--lang', 'zh').status).toBe(0);
    expect(await pageSizes(oneCard)).toEqual(['8391x11906']);
  });

  it('names --a5 in its usage', () => {
    const result = drill('help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/sheets FILE .*\[--a5\]/);
  });

  it('refuses an unknown format, naming the formats it knows, and writes nothing', () => {
    const out = path.join(dataDir, 'sheets-refused');
    const result = drill('sheets', samples[0], '--out', out, '--format', 'docx,odt');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/format.*pdf, docx, xlsx/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
