/**
 * The seats' server's own certificate for HTTPS (联网导调): self-signed, made
 * on first use for the address the run is shared on, kept in the data folder
 * (`seat-certificate/`, the key readable by its owner only, 0600) and used
 * again next time; made anew when it does not name the address or is about
 * to expire. Nobody vouches for it, so a browser warns; the SHA-256
 * fingerprint, shown on the host's panel and on the join page, is what a
 * person compares with the one the browser shows.
 */
import 'reflect-metadata';
import { createPrivateKey, KeyObject, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const CERTIFICATE_FOLDER = 'seat-certificate';
export const CERT_FILE = 'cert.pem';
export const KEY_FILE = 'key.pem';
/** How long a new certificate is valid; one that expires within `RENEW_BEFORE_MS` is made anew. */
export const CERT_VALID_MS = 365 * 24 * 3600 * 1000;
export const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export type SeatCertificate = {
  /** PEM text, as `https.createServer` takes them. */
  cert: string;
  key: string;
  /** SHA-256 of the certificate, upper-case hex pairs joined by colons, as browsers show it. */
  fingerprint256: string;
  /** True when it was made by this call (not found, or no longer fit). */
  created: boolean;
};

const SIGNING = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** The kept certificate when it still fits `address` at `now`: names it, valid now and for a while yet, and its key matches. */
function keptCertificateOf(dir: string, address: string, now: number): SeatCertificate | null {
  let cert: string;
  let key: string;
  try {
    cert = fs.readFileSync(path.join(dir, CERT_FILE), 'utf8');
    key = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = new X509Certificate(cert);
    if (parsed.checkIP(address) === undefined) return null;
    if (Date.parse(parsed.validFrom) > now || Date.parse(parsed.validTo) - RENEW_BEFORE_MS <= now) return null;
    if (!parsed.checkPrivateKey(createPrivateKey(key))) return null;
    // Whatever happened to the folder since, the key is its owner's alone.
    fs.chmodSync(path.join(dir, KEY_FILE), 0o600);
    return { cert, key, fingerprint256: parsed.fingerprint256, created: false };
  } catch {
    return null;
  }
}

/** Writes `text` to `file` whole (a temporary file renamed over it), created with `mode`. */
function writeWhole(file: string, text: string, mode: number) {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, text, { mode });
  fs.chmodSync(temporary, mode);
  fs.renameSync(temporary, file);
}

/**
 * The certificate for serving seats on `address` (an IPv4 address), from
 * `dataDir`'s `seat-certificate/` folder, made there first when none fits.
 */
export async function seatCertificateOf(dataDir: string, address: string, now = Date.now()): Promise<SeatCertificate> {
  const dir = path.join(dataDir, CERTIFICATE_FOLDER);
  const kept = keptCertificateOf(dir, address, now);
  if (kept) return kept;

  const keys = await webcrypto.subtle.generateKey(SIGNING, true, ['sign', 'verify']);
  const made = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(16).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=DrillDesk seats, O=DrillDesk',
    // An hour's leeway for a phone whose clock is a little behind.
    notBefore: new Date(now - 3600 * 1000),
    notAfter: new Date(now + CERT_VALID_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: address }]),
    ],
  });
  const cert = made.toString('pem');
  const key = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string;

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeWhole(path.join(dir, KEY_FILE), key, 0o600);
  writeWhole(path.join(dir, CERT_FILE), cert, 0o644);
  return { cert, key, fingerprint256: new X509Certificate(cert).fingerprint256, created: true };
}
