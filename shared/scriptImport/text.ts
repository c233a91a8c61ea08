/**
 * Text helpers for reading drill scripts as people type them: full-width
 * letters, digits and punctuation folded to their ASCII forms, headings made
 * comparable, and Chinese numerals read as numbers.
 */

/**
 * Folds full-width ASCII (`９：３０`, `Ｔ＋１５`) and the ideographic space to
 * their half-width forms; everything else is kept. Example: `'９：３０～１０：００'` → `'9:30~10:00'`.
 */
export function halfWidthOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** Punctuation and spaces that never tell two headings apart. */
const HEADING_NOISE = /[\s_\-:：*＊·•、,，.。;；'"“”‘’!！?？/\\|]+/g;

/**
 * A heading made comparable: half-width, lower case, without spaces or
 * punctuation, brackets kept. Example: `'报告指令 （对白）'` → `'报告指令(对白)'`.
 */
export function headingKeyOf(text: string): string {
  return halfWidthOf(text)
    .toLowerCase()
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .replace(HEADING_NOISE, '');
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A number written in Chinese numerals (up to 9,999) or Arabic digits, or
 * null. Examples: `'九'` → 9, `'十五'` → 15, `'三十'` → 30, `'二〇'` → 20 (digit by
 * digit), `'一百零五'` → 105, `'12'` → 12.
 */
export function chineseNumberOf(text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  if (![...value].every((c) => c in DIGITS || c in UNITS)) return null;
  // Digit by digit (二〇二六, 〇五) when there is no unit character.
  if (![...value].some((c) => c in UNITS)) return Number([...value].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of value) {
    if (c in DIGITS) digit = DIGITS[c];
    else {
      total += (digit ?? 1) * UNITS[c];
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** Characters of a masked personal name: ××, ***, XXXX, ○○, □□, 某某. */
const MASK = /^(?:[×xX*＊○〇□■●◯＿_某]+|[A-Z]{1,4})$/;

/** Whether a name is a mask standing for a withheld personal name (`××`, `***`, `XXXX`, `AA`, `某某`). */
export function isMaskedName(text: string): boolean {
  return MASK.test(halfWidthOf(text).trim());
}

/** A mask at the end of a post (`巡检人员***`, `值班长XX`): the post without it. */
export function withoutTrailingMask(text: string): string {
  return text.replace(/(?:[×*＊○□■●◯＿_]{1,}|某某|X{2,}|x{2,}|[A-Z]{2,4})$/u, '').trim();
}
