/**
 * Finds a Chromium for Playwright and for printing PDFs: the system's
 * (Debian's `chromium`), or one Playwright already installed. Never downloads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** Playwright's own Chromium builds under ~/.cache/ms-playwright, newest first. */
function playwrightChromium(): string | null {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), '.cache/ms-playwright');
  if (!fs.existsSync(cache)) return null;
  const dirs = fs.readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name)).sort().reverse();
  for (const dir of dirs) {
    const binary = path.join(cache, dir, 'chrome-linux/chrome');
    if (fs.existsSync(binary)) return binary;
  }
  return null;
}

export function findChromium(): string | null {
  const fromEnv = process.env.DRILLDESK_CHROMIUM;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return SYSTEM_CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? playwrightChromium();
}

/** Flags for headless Chromium on a machine with no network and no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
