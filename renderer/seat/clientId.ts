/**
 * A device's id for one entry: 128 random bits as hex. `crypto.getRandomValues`
 * works on plain HTTP too (a seat on a private address is not a secure
 * context, so `crypto.randomUUID` is not there).
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
