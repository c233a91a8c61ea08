/**
 * Templates: the sample scenario files in `scenarios/`, the single source
 * that a new database is seeded with and "New from template" copies from.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Template } from '../../shared/api';
import type { ScenarioBody } from '../../shared/model';
import { parseScenarioFile } from '../../shared/scenarioFile';
import type { Message } from '../../shared/i18n';
import { decodedTextOf, textProblemMessageOf } from './textFile';

export type LoadedTemplate = Template & { body: ScenarioBody };

const SUFFIX = '.drill.json';

/** Reads every `*.drill.json` in `dir`, in name order. A file that does not parse is reported, not loaded. */
export function loadTemplates(dir: string, onProblem: (file: string, problems: Message[]) => void = () => {}): LoadedTemplate[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX))
    .sort()
    .flatMap((name) => {
      const decoded = decodedTextOf(fs.readFileSync(path.join(dir, name)));
      const parsed = decoded.ok ? parseScenarioFile(decoded.text) : { ok: false as const, problems: [textProblemMessageOf(decoded.problem, 'scenario')] };
      if (!parsed.ok) {
        onProblem(name, parsed.problems);
        return [];
      }
      const body = parsed.value;
      return [
        {
          id: name.slice(0, -SUFFIX.length).replace(/[^A-Za-z0-9_-]/g, '-'),
          title: body.title,
          titleEn: body.titleEn,
          summaryEn: body.summaryEn,
          stepCount: body.steps.length,
          body,
        },
      ];
    });
}
