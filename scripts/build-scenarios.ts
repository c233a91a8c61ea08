/**
 * Writes the sample scenarios in `scenarios/*.drill.json` from the sources in
 * `scripts/sample-scenarios/`. The JSON files are what the app and the tests
 * read; this script only keeps ids and edges consistent while writing them.
 *
 *   npx tsx scripts/build-scenarios.ts          write the files and print a summary
 *   npx tsx scripts/build-scenarios.ts --check  fail if a file differs from its source
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioBodySchema, type ScenarioBody } from '../shared/model';
import { FORMAT_VERSION, parseScenarioFile } from '../shared/scenarioFile';
import { scheduleOf } from '../shared/schedule';
import { clockOf } from '../shared/time';
import { findingsOf } from '../shared/validation';
import { floodSeasonComposite } from './sample-scenarios/flood-season-composite';
import { resettlementDrinkingWater } from './sample-scenarios/resettlement-drinking-water';
import { riverPollutionIncident } from './sample-scenarios/river-pollution-incident';
import { sewagePlantOutage } from './sample-scenarios/sewage-plant-outage';
import { waterworksOutage } from './sample-scenarios/waterworks-outage';

const GENERATOR = 'DrillDesk sample scenarios (scripts/build-scenarios.ts)';

const SAMPLES: [file: string, build: () => ScenarioBody][] = [
  ['flood-season-composite.drill.json', floodSeasonComposite],
  ['waterworks-outage.drill.json', waterworksOutage],
  ['resettlement-drinking-water.drill.json', resettlementDrinkingWater],
  ['sewage-plant-outage.drill.json', sewagePlantOutage],
  ['river-pollution-incident.drill.json', riverPollutionIncident],
];

/** The file text of one sample: the scenario file format with every default written out. */
function fileTextOf(body: ScenarioBody): string {
  const file = { formatVersion: FORMAT_VERSION, generator: GENERATOR, scenario: ScenarioBodySchema.parse(body) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const scenariosDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');
const check = process.argv.includes('--check');
let failed = false;

for (const [file, build] of SAMPLES) {
  const body = build();
  const text = fileTextOf(body);
  const parsed = parseScenarioFile(text);
  if (!parsed.ok) {
    console.error(`${file}: ${parsed.problems.join('; ')}`);
    failed = true;
    continue;
  }
  const path = join(scenariosDir, file);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`${file}: differs from its source; run npx tsx scripts/build-scenarios.ts`);
      failed = true;
    }
  } else writeFileSync(path, text);
  for (const finding of findingsOf(parsed.value)) {
    console.error(`${file}: [${finding.ruleId}] ${finding.message.en}`);
    failed = true;
  }
  const schedule = scheduleOf(body);
  const length = schedule.ok ? `${schedule.length} min` : 'unknown (cycle)';
  const end = schedule.ok && body.startTime !== null ? clockOf(body.startTime, schedule.length) : '?';
  console.log(
    `${file}: ${body.steps.length} steps, ${body.roles.length} roles, ${body.edges.length} edges, ` +
      `planned ${length} (${body.startTime ?? '?'}–${end})`,
  );
}
if (failed) process.exit(1);
