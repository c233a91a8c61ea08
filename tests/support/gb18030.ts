/**
 * Text as GB18030 bytes, for tests of files Chinese Windows and Excel write
 * (Node's TextEncoder writes only UTF-8). Built from the decoder's own table
 * of two-byte codes, which covers the characters the test files use.
 */
let table: Map<string, number[]> | null = null;

export function gb18030Of(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (table.has(char)) bytes.push(...table.get(char)!);
    else throw new Error(`no two-byte GB18030 code for ${char}`);
  }
  return Buffer.from(bytes);
}
