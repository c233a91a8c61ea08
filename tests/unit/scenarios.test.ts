import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { messageTextOf } from '../../shared/i18n';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, parseScenarioFile, scenarioFileTextOf } from '../../shared/scenarioFile';
import { ScenarioBodySchema } from '../../shared/model';
import { findingsOf } from '../../shared/validation';

const scenariosDir = join(import.meta.dirname, '..', '..', 'scenarios');
const sampleFiles = readdirSync(scenariosDir)
  .filter((name) => name.endsWith('.drill.json'))
  .sort();

/** The body of a sample file, failing the test with the parser's problems if it does not parse. */
function bodyOf(file: string) {
  const result = parseScenarioFile(readFileSync(join(scenariosDir, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.problems.join('; ')}`);
  return result.value;
}

describe('the sample scenarios', () => {
  it('ship at least five samples', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(5);
  });

  it('include the composite flood-season drill with at least 40 steps', () => {
    expect(sampleFiles).toContain('flood-season-composite.drill.json');
    expect(bodyOf('flood-season-composite.drill.json').steps.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(sampleFiles)('%s', (file) => {
    it('parses as a scenario file without problems', () => {
      const result = parseScenarioFile(readFileSync(join(scenariosDir, file), 'utf8'));
      expect(result.ok ? [] : result.problems).toEqual([]);
    });

    it('has no validation findings', () => {
      expect(findingsOf(bodyOf(file)).map((finding) => `${finding.ruleId}: ${finding.message.en}`)).toEqual([]);
    });

    it('comes back unchanged from an export and re-import', () => {
      const body = bodyOf(file);
      const reimported = parseScenarioFile(scenarioFileTextOf(body));
      expect(reimported).toEqual({ ok: true, value: body });
    });

    it('is written in the current file format and names its time zone', () => {
      const written = JSON.parse(readFileSync(join(scenariosDir, file), 'utf8'));
      expect(written.formatVersion).toBe(FORMAT_VERSION);
      expect(written.scenario.timeZone).toBe('Asia/Shanghai');
    });

    it('has an English title and summary', () => {
      const body = bodyOf(file);
      expect(body.titleEn.trim()).not.toBe('');
      expect(body.summaryEn.trim()).not.toBe('');
    });
  });
});

describe('the file format', () => {
  const v1 = (scenario: Record<string, unknown>) => JSON.stringify({ formatVersion: 1, scenario });

  it('is version 2, which writes the time zone', () => {
    const text = scenarioFileTextOf(ScenarioBodySchema.parse({ title: '停电演练', timeZone: 'Asia/Urumqi' }));
    expect(JSON.parse(text)).toMatchObject({ formatVersion: 2, scenario: { timeZone: 'Asia/Urumqi' } });
  });

  it('reads a version-1 file, which has no zone, as Asia/Shanghai', () => {
    const result = parseScenarioFile(v1({ title: '旧版演练', drillDate: '2022-06-15', startTime: '09:00' }));
    expect(result).toMatchObject({ ok: true, value: { title: '旧版演练', timeZone: 'Asia/Shanghai', startTime: '09:00' } });
  });

  it('keeps the zone a version-2 file names and refuses one that is not a zone, saying where', () => {
    const v2 = (timeZone: string) => JSON.stringify({ formatVersion: 2, scenario: { title: '演练', timeZone } });
    expect(parseScenarioFile(v2('America/New_York'))).toMatchObject({ ok: true, value: { timeZone: 'America/New_York' } });
    const refused = parseScenarioFile(v2('Asia/Beijing'));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.problems.map((problem) => messageTextOf('en', problem))).toEqual([expect.stringMatching(/scenario\.timeZone.*time zone/)]);
  });
});
