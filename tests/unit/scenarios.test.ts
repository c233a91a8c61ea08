import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile, scenarioFileTextOf } from '../../shared/scenarioFile';
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

    it('has an English title and summary', () => {
      const body = bodyOf(file);
      expect(body.titleEn.trim()).not.toBe('');
      expect(body.summaryEn.trim()).not.toBe('');
    });
  });
});
