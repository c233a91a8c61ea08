/**
 * The scenario file format (`*.drill.json`): `{ formatVersion, scenario }`.
 *
 * Version history:
 *   1: first version.
 *   2: steps may name a phase (`phase`, 阶段/科目) and the scenario names its
 *      time zone (`timeZone`, an IANA name); a version-1 file reads as steps
 *      without phases, in `Asia/Shanghai`, where every drill was held.
 *      Version 2 also carries the evaluation plan (`evaluation`: forms of
 *      sections of items, and assignments); a version-1 file has none.
 * Files of an older version are upgraded by `upgrades` on import; a newer
 * version is refused with a message that says so.
 */
import { z } from 'zod';
import { MAX_IMPORT_BYTES, issuesOf } from './api';
import { ScenarioBodySchema, type ScenarioBody } from './model';
import { graphProblemsOf } from './rules';
import { cyclesOf } from './schedule';
import { DEFAULT_TIME_ZONE } from './time';
import { msg, technicalOf, type Message } from './i18n';

export const FORMAT_VERSION = 2;
/** Deepest JSON nesting a scenario file may have; real files need about 6. */
export const MAX_JSON_DEPTH = 64;

export const ScenarioFileSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  /** Optional note on what wrote the file. */
  generator: z.string().max(200).optional(),
  scenario: ScenarioBodySchema,
});
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/** Upgrades from version N to N+1, keyed by N. */
const upgrades: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 2 added the optional step field `phase` (defaults to '') and the scenario's `timeZone`:
  // a version-1 file has none, and every drill it describes was held in China.
  1: (file) => {
    const scenario = file.scenario;
    const withZone = typeof scenario === 'object' && scenario !== null && !Array.isArray(scenario) && !('timeZone' in scenario) ? { ...scenario, timeZone: DEFAULT_TIME_ZONE } : scenario;
    return { ...file, formatVersion: 2, scenario: withZone };
  },
};

/** A parsed value, or every problem found as catalogue messages (the first one a headline's reason). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Message[] };

/**
 * The deepest nesting of arrays and objects in a JSON text, found without
 * parsing it, so a hostile file cannot exhaust the parser's stack.
 * Stops counting once `limit` is passed.
 */
export function jsonDepthOf(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

/** Parses JSON text with the size and depth checks every import needs. */
export function parseJsonText(text: string, maxBytes = MAX_IMPORT_BYTES): ParseResult<unknown> {
  if (text.length > maxBytes) return { ok: false, problems: [msg('errors.scenarioFile.tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) })] };
  if (jsonDepthOf(text) > MAX_JSON_DEPTH) return { ok: false, problems: [msg('errors.scenarioFile.tooDeep', { levels: MAX_JSON_DEPTH })] };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problems: [msg('errors.scenarioFile.notJson'), technicalOf((error as Error).message)] };
  }
}

/**
 * Reads a scenario file's text into a scenario body: size, depth, JSON,
 * version (upgrading older files), schema, referential integrity, then
 * cycles (a drill cannot loop back; drafts with cycles can be edited but not imported).
 * Every problem found is listed with where it is.
 */
export function parseScenarioFile(text: string): ParseResult<ScenarioBody> {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  let data = json.value;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, problems: [msg('errors.scenarioFile.notScenario')] };
  let version = (data as Record<string, unknown>).formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, problems: [msg('errors.scenarioFile.badVersion')] };
  if (version > FORMAT_VERSION)
    return {
      ok: false,
      problems: [msg('errors.scenarioFile.newerVersion', { version, supported: FORMAT_VERSION })],
    };
  while (version < FORMAT_VERSION) {
    const upgrade = upgrades[version];
    if (!upgrade) return { ok: false, problems: [msg('errors.scenarioFile.unsupportedVersion', { version })] };
    data = upgrade(data as Record<string, unknown>);
    version++;
  }
  const parsed = ScenarioFileSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: issuesOf(parsed.error) };
  const problems = graphProblemsOf(parsed.data.scenario);
  // The graph rules still word their findings in English: a count heads them, each one follows as a technical detail.
  if (problems.length > 0)
    return { ok: false, problems: [msg('errors.scenario.brokenReferences', { count: problems.length }), ...problems.map((p) => technicalOf(`scenario.${p.path}: ${p.message}`))] };
  const cycles = cyclesOf(parsed.data.scenario);
  if (cycles.length > 0) {
    const titles = new Map(parsed.data.scenario.steps.map((step) => [step.id, step.title]));
    return {
      ok: false,
      problems: cycles.map(
        (cycle) => msg('errors.invalid.at', { path: 'scenario.edges', problem: msg('errors.scenarioFile.cycle', { steps: [...cycle, cycle[0]].map((id) => `“${titles.get(id) ?? id}”`).join(' → ') }) }),
      ),
    };
  }
  return { ok: true, value: parsed.data.scenario };
}

/** Writes a scenario body as file text (pretty-printed, stable key order from the schema). */
export function scenarioFileTextOf(body: ScenarioBody): string {
  const file: ScenarioFile = { formatVersion: FORMAT_VERSION, generator: 'DrillDesk', scenario: ScenarioBodySchema.parse(body) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for a scenario's export, e.g. `汛期水环境应急演练.drill.json`. */
export function scenarioFileNameOf(title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || 'scenario';
  return `${safe}.drill.json`;
}
