/**
 * `npm run drill -- <command> ...`: the command line for scenario files.
 * Each command is a module; this file only picks one and reports errors as
 * one line with a non-zero exit status, never a stack trace.
 */
import { CliError, type Command } from './args';
import { exportCommand, importCommand, list, validate } from './scenarioCommands';
import { importPlanCommand } from './importPlan';
import { scheduleCommand } from './schedule';
import { sheetsCommand } from './sheets';
import { reportCommand, runsCommand } from './report';

export const commands: readonly Command[] = [validate, importCommand, importPlanCommand, exportCommand, list, scheduleCommand, sheetsCommand, runsCommand, reportCommand];

function usage(): string {
  return ['usage: npm run drill -- <command>', '', ...commands.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command "${name}"\n${usage()}`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    if (error instanceof CliError) {
      console.error(`drill: ${error.message}`);
      process.exit(error.status);
    }
    console.error(`drill: unexpected error: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  },
);
