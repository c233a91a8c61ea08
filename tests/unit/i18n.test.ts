/** The two catalogues carry the same keys, no message is empty, and every key the code names exists. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { zh } from '../../shared/i18n/zh';
import { repoRoot } from '../support/storage';

function leavesOf(value: unknown, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of leavesOf(child, prefix ? `${prefix}.${key}` : key)) leaves.set(k, v);
  } else leaves.set(prefix, value);
  return leaves;
}

describe('message catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect([...leavesOf(en).keys()].sort()).toEqual([...leavesOf(zh).keys()].sort());
  });

  it('have no empty message', () => {
    for (const catalogue of [zh, en])
      for (const [key, message] of leavesOf(catalogue)) expect(typeof message === 'string' && message.trim() !== '', key).toBe(true);
  });

  it('keep the same interpolation variables in both languages', () => {
    const english = leavesOf(en);
    for (const [key, message] of leavesOf(zh)) {
      const variables = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(variables(english.get(key)), key).toEqual(variables(message));
    }
  });
});

/** Every source file of the app, for the keys it names literally. */
function sourceFilesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFilesOf(file);
    return /\.(ts|tsx)$/.test(entry.name) ? [file] : [];
  });
}

describe('keys named in the code', () => {
  it('each name a message of the catalogue (a missing one would show the key itself)', () => {
    const leaves = leavesOf(zh);
    const hasMessage = (key: string) => leaves.has(key) || leaves.has(`${key}_one`) || leaves.has(`${key}_other`);
    const missing: string[] = [];
    for (const dir of ['renderer', 'shared', 'electron'])
      for (const file of sourceFilesOf(path.join(repoRoot, dir))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(/\b(?:t|messageOf\(\s*\w+\s*,)\(?\s*'([a-zA-Z][\w]*(?:\.[\w]+)+|[a-zA-Z]\w*)'/g)) {
          const key = match[1];
          if (!hasMessage(key)) missing.push(`${path.relative(repoRoot, file)}: ${key}`);
        }
      }
    expect(missing).toEqual([]);
  });
});
