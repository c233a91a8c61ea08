/**
 * Command-line arguments: positionals and `--name value` / `--flag` options,
 * then checked with a zod schema so a bad argument gets a message that names it.
 */
import { z } from 'zod';
import { issuesOf, type ApiErrorBody } from '../../shared/api';
import { messageTextOf, msg, type Language, type Message } from '../../shared/i18n';

/**
 * A failure the user caused: printed as one line (and its details indented
 * under it), exit status `status`. The line is a catalogue message worded in
 * the `--lang` of the command line, or (for the command line's own usage
 * lines) plain text.
 */
export class CliError extends Error {
  constructor(
    readonly text: string | Message,
    readonly status = 2,
    readonly details: readonly Message[] = [],
  ) {
    super(typeof text === 'string' ? text : messageTextOf('en', text));
    this.name = 'CliError';
  }

  /** A back-end refusal, optionally about one file (`file: reason`). */
  static of(error: ApiErrorBody, file?: string): CliError {
    const reason = { key: error.key, params: error.params };
    return new CliError(file === undefined ? reason : msg('errors.cli.about', { subject: file, problem: reason }), 1, error.details);
  }

  /** The lines to print in a language. */
  linesOf(language: Language): string[] {
    const head = typeof this.text === 'string' ? this.text : messageTextOf(language, this.text);
    return [head, ...this.details.map((detail) => `  ${messageTextOf(language, detail)}`).filter((line) => line.trim() !== head)];
  }
}

/** The language of the command line's messages: `--lang zh|en` anywhere in the arguments (default zh), and the arguments without it. */
export function languageOf(argv: readonly string[]): { language: Language; rest: string[] } {
  const rest: string[] = [];
  let language: Language = 'zh';
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    if (name !== '--lang') {
      rest.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value !== 'zh' && value !== 'en') throw new CliError(msg('errors.cli.badLanguage', { value: value ?? '' }));
    language = value;
  }
  return { language, rest };
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
    if (issue.code === 'unrecognized_keys') throw new CliError(msg('errors.cli.unknownOption', { options: issue.keys.map((k) => `--${k}`).join(', ') }));
    const problem = issuesOf(new z.ZodError([{ ...issue, path: [] }]))[0];
    throw new CliError(msg('errors.cli.about', { subject: issue.path.length > 0 ? `--${issue.path.join('.')}` : 'options', problem }));
  }
  return parsed.data;
}

export type Command = {
  name: string;
  usage: string;
  summary: string;
  /** Runs the command in the language of `--lang`; resolves to the exit status. Throws `CliError` for user errors. */
  run: (argv: readonly string[], language: Language) => Promise<number>;
};

/**
 * A `--format` option: a comma-separated list of the `allowed` file formats,
 * repeats dropped, `fallback` when absent (`--format pdf,docx`).
 */
export function formatListOption<F extends string>(allowed: readonly [F, ...F[]], fallback: F) {
  return z
    .string()
    .default(fallback)
    .transform((text) => [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(allowed, { message: `each format must be one of ${allowed.join(', ')}` })).min(1, { message: 'name at least one format' }));
}
