/**
 * `npm run drill -- <command> ...`: the command line for scenario files.
 * Each command is a module; this file only picks one and reports errors as
 * one line with a non-zero exit status, never a stack trace.
 */
import { CliError, languageOf, type Command } from './args';
import type { Language } from '../../shared/i18n';
import { exportCommand, importCommand, list, validate } from './scenarioCommands';
import { importPlanCommand } from './importPlan';
import { scheduleCommand } from './schedule';
import { sheetsCommand } from './sheets';
import { reportCommand, runsCommand } from './report';

export const commands: readonly Command[] = [validate, importCommand, importPlanCommand, exportCommand, list, scheduleCommand, sheetsCommand, runsCommand, reportCommand];

function usage(): string {
  return ['usage: npm run drill -- <command> [--lang zh|en]   (messages in Chinese, the default, or English)', '', ...commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)].join('\n');
}

let language: Language = 'zh';

async function main(argv: readonly string[]): Promise<number> {
  const parsed = languageOf(argv);
  language = parsed.language;
  const [name, ...rest] = parsed.rest;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command "${name}"\n${usage()}`);
  return command.run(rest, language);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (error instanceof CliError) {
      console.error(`drill: ${error.linesOf(language).join('\n')}`);
      process.exit(error.status);
    }
    console.error(`drill: unexpected error: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
