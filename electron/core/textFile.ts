/**
 * The one place the text of an imported file is decoded: scenario files
 * (`.drill.json`), run logs, and drill scripts in CSV or OpenAEV JSON
 * (tableFiles.ts). The renderer and the command line send the file's bytes
 * and the back end decodes them here, so the app, browser mode and the
 * command line read every file the same way.
 *
 * A byte-order mark decides (UTF-8, UTF-16 LE or BE) and is dropped; without
 * one, text that is valid UTF-8 is UTF-8, else GB18030 (what Chinese Windows
 * and Excel write) when it is valid GB18030. Anything else is refused with
 * the reason, never decoded with replacement characters: decoding is strict,
 * bytes with NUL in them are not text, and a text that already holds U+FFFD
 * (lost in an earlier conversion) is refused, saying how many and where.
 */
import { ApiError } from '../../shared/api';
import { msg, type Message, type MessageParam } from '../../shared/i18n';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type TextProblem =
  | { code: 'not-text' }
  | { code: 'bad-bom'; encoding: TextEncoding }
  | { code: 'replacement-characters'; count: number; line: number };

export type DecodedText = { ok: true; text: string; encoding: TextEncoding } | { ok: false; problem: TextProblem };

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

const strictly = (encoding: TextEncoding, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
};

/** The problem with text that is already decoded: replacement characters mean text was lost before it reached us. */
export function textProblemOf(text: string): TextProblem | null {
  const first = text.indexOf('\uFFFD');
  if (first < 0) return null;
  const count = text.split('\uFFFD').length - 1;
  const line = text.slice(0, first).split(/\r\n|\r|\n/).length;
  return { code: 'replacement-characters', count, line };
}

/**
 * The text of a file's bytes and the encoding it was read in, or why it
 * cannot be read. E.g. the GB18030 bytes `CA B1 BC E4` → `{ text: '时间', encoding: 'gb18030' }`;
 * `EF BB BF 7B 7D` → `{ text: '{}', encoding: 'utf-8' }`.
 */
export function decodedTextOf(bytes: Uint8Array): DecodedText {
  const done = (text: string, encoding: TextEncoding): DecodedText => {
    const problem = textProblemOf(text);
    return problem ? { ok: false, problem } : { ok: true, text, encoding };
  };
  for (const [encoding, bom] of BOMS) {
    if (bytes.length < bom.length || !bom.every((byte, i) => bytes[i] === byte)) continue;
    const text = strictly(encoding, bytes.subarray(bom.length));
    return text === null ? { ok: false, problem: { code: 'bad-bom', encoding } } : done(text, encoding);
  }
  if (bytes.includes(0)) return { ok: false, problem: { code: 'not-text' } };
  const utf8 = strictly('utf-8', bytes);
  if (utf8 !== null) return done(utf8, 'utf-8');
  const gb18030 = strictly('gb18030', bytes);
  if (gb18030 !== null) return done(gb18030, 'gb18030');
  return { ok: false, problem: { code: 'not-text' } };
}

const CATALOGUE_KEYS = { 'not-text': 'notText', 'bad-bom': 'badBom', 'replacement-characters': 'replacementCharacters' } as const;
const ENCODING_NAMES: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', gb18030: 'GB18030' };

export type TextFileKind = 'scenario' | 'csv';

/** The problem as a catalogue message (`files.encoding.*`), naming the kind of file. */
export function textProblemMessageOf(problem: TextProblem, kind: TextFileKind): Message {
  const params: Record<string, MessageParam> = { kind: msg(`files.kind.${kind}`) };
  if (problem.code === 'bad-bom') params.encoding = ENCODING_NAMES[problem.encoding];
  if (problem.code === 'replacement-characters') Object.assign(params, { count: problem.count, line: problem.line });
  return msg(`files.encoding.${CATALOGUE_KEYS[problem.code]}`, params);
}

/** The text of `bytes` (see `decodedTextOf`), or an `ApiError` saying why it cannot be read without losing characters. */
export function textOfBytes(bytes: Uint8Array, kind: TextFileKind): string {
  const decoded = decodedTextOf(bytes);
  if (!decoded.ok) throw new ApiError('invalid-argument', textProblemMessageOf(decoded.problem, kind));
  return decoded.text;
}

/**
 * An imported file's text, given as bytes (what the app and the command line
 * send) or as text already decoded (callers in the same process: only a
 * leading byte-order mark is dropped, and replacement characters refused).
 */
export function importedTextOf(file: { text?: string; dataBase64?: string }, kind: TextFileKind): string {
  if (file.dataBase64 !== undefined) return textOfBytes(Buffer.from(file.dataBase64, 'base64'), kind);
  const text = (file.text ?? '').replace(/^\uFEFF/, '');
  const problem = textProblemOf(text);
  if (problem) throw new ApiError('invalid-argument', textProblemMessageOf(problem, kind));
  return text;
}
