/**
 * `drill import-plan FILE --data DIR [--mapping MAPPING.json] [--table N] [--copy] [--json]`:
 * a drill script (.docx, .xlsx, CSV, HSEEP MSEL, OpenAEV .json) imported
 * through the same preview and import calls as the app's dialog. Prints
 * what it created, or every problem with its row and column.
 *
 * MAPPING.json says what columns hold, either as a list by column
 * (`["time", "scene", null, "action"]`, null keeping what was detected) or
 * by heading (`{"演练时间": "time", "说明": "keep"}`). Fields: number, time,
 * phase, scene, action, role, from, dialogue, expected, location,
 * resources, notes, duration, kind, delivery, objective, keep, ignore.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { catalogues } from '../../shared/i18n';
import { ScriptFieldSchema, type ScriptField } from '../../shared/scriptImport/header';
import { issueTextOf } from '../../shared/scriptImport/issues';
import { CliError, optionsOf, rawArgsOf, type Command } from './args';
import { readFileBytes } from './files';
import { call, DataOptions, withBackend } from './scenarioCommands';

const MappingFileSchema = z.union([z.array(ScriptFieldSchema.nullable()).max(64), z.record(z.string().max(500), ScriptFieldSchema)]);

export const importPlanCommand: Command = {
  name: 'import-plan',
  usage: 'import-plan FILE --data DIR [--mapping M.json] [--table N] [--copy] [--json]',
  summary: 'import a drill script (.docx, .xlsx, CSV, MSEL, OpenAEV .json) as a new scenario',
  run: async (argv, language) => {
    const raw = rawArgsOf(argv, ['json', 'copy']);
    const options = optionsOf(
      raw,
      DataOptions.extend({
        mapping: z.string().min(1).optional(),
        table: z.coerce.number().int().min(1).max(1000).optional(),
        json: z.literal(true).optional(),
        copy: z.literal(true).optional(),
      }),
    );
    if (raw.positionals.length !== 1) throw new CliError('name exactly one file to import');
    const file = raw.positionals[0];
    const bytes = readFileBytes(file);
    let mappingFile: z.infer<typeof MappingFileSchema> | undefined;
    if (options.mapping) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(options.mapping, 'utf8'));
      } catch (error) {
        throw new CliError(`${options.mapping}: not a readable JSON file: ${(error as Error).message}`, 1);
      }
      const mapping = MappingFileSchema.safeParse(parsed);
      if (!mapping.success) throw new CliError(`${options.mapping}: ${mapping.error.issues[0].path.join('.')}: ${mapping.error.issues[0].message}`, 1);
      mappingFile = mapping.data;
    }
    const request = { fileName: file, dataBase64: bytes.toString('base64'), table: options.table === undefined ? undefined : options.table - 1 };
    return withBackend(options.data, async (backend) => {
      let mapping: (ScriptField | null)[] | undefined;
      const preview = await call(backend, 'previewPlanImport', request);
      if (Array.isArray(mappingFile)) mapping = mappingFile;
      else if (mappingFile) {
        const byHeading = mappingFile;
        const unknown = Object.keys(byHeading).filter((heading) => !preview.columns.some((c) => c.heading === heading));
        if (unknown.length > 0) throw new CliError(`${options.mapping}: no column headed ${unknown.map((h) => `"${h}"`).join(', ')} in ${file}`, 1);
        mapping = preview.columns.map((c) => byHeading[c.heading] ?? null);
      }
      const checked = mapping ? await call(backend, 'previewPlanImport', { ...request, mapping }) : preview;
      const problems = checked.issues.filter((i) => i.severity === 'problem');
      const warnings = checked.issues.filter((i) => i.severity === 'warning');
      if (problems.length > 0) {
        if (options.json) console.log(JSON.stringify({ ok: false, problems: problems.map((p) => ({ ...p, message: issueTextOf(p, language, checked.fileName) })) }, null, 2));
        else for (const problem of problems) console.error(issueTextOf(problem, language, checked.fileName));
        return 1;
      }
      const summary = await call(backend, 'importPlanTable', { ...request, mapping, ifSameTitle: options.copy ? 'copy' : 'refuse' });
      const created = { id: summary.id, title: summary.title, ...checked.counts, columns: checked.columns.map((c) => ({ heading: c.heading, field: c.field })) };
      if (options.json) console.log(JSON.stringify({ ok: true, created, warnings: warnings.map((w) => issueTextOf(w, language, checked.fileName)) }, null, 2));
      else {
        const fields = catalogues[language].scriptImport.fields;
        console.log(`imported "${summary.title}" as ${summary.id}`);
        console.log(`  ${checked.counts.steps} steps, ${checked.counts.phases} phases, ${checked.counts.edges} edges, ${checked.counts.roles} roles, ${checked.counts.objectives} objectives; ${checked.counts.withoutDuration} steps without a duration`);
        console.log(`  columns: ${checked.columns.map((c) => `${c.heading || '(blank)'} → ${fields[c.field]}`).join('; ')}`);
        for (const warning of warnings) console.log(`  warning: ${issueTextOf(warning, language, checked.fileName)}`);
      }
      return 0;
    });
  },
};
