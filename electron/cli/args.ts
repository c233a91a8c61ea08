/**
 * Command-line arguments: positionals and `--name value` / `--flag` options,
 * then checked with a zod schema so a bad argument gets a message that names it.
 */
import { z } from 'zod';

/** A failure the user caused: printed as one line, exit status `status`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type RawArgs = { positionals: string[]; options: Record<string, string | true> };

/** Splits argv; `booleans` names the options that take no value. */
export function rawArgsOf(argv: readonly string[], booleans: readonly string[] = []): RawArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (booleans.includes(name)) {
      options[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    options[name] = value;
  }
  return { positionals, options };
}

/** Parses options with `schema` (a strict object: unknown options are refused). */
export function optionsOf<S extends z.ZodType>(raw: RawArgs, schema: S): z.output<S> {
  const parsed = schema.safeParse(raw.options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.length > 0 ? `--${issue.path.join('.')}` : 'options';
    const message = issue.code === 'unrecognized_keys' ? `unknown option ${(issue as { keys: string[] }).keys.map((k) => `--${k}`).join(', ')}` : `${name}: ${issue.message}`;
    throw new CliError(message);
  }
  return parsed.data;
}

export type Command = {
  name: string;
  usage: string;
  summary: string;
  /** Runs the command; resolves to the exit status. Throws `CliError` for user errors. */
  run: (argv: readonly string[]) => Promise<number>;
};
