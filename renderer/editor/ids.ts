/** Fresh ids for new steps, edges, roles and objectives: a prefix and ten random base-36 characters. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let id = `${prefix}-`;
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return id;
}
