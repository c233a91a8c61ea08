import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editor as en } from '../../shared/i18n/en/editor';
import { editor as zh } from '../../shared/i18n/zh/editor';
import { STEP_KINDS } from '../../shared/model';

const dir = path.resolve(__dirname, '../../renderer/editor');
const sources = fs
  .readdirSync(dir)
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
  .join('\n');

const lookup = (catalogue: object, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);

/** Every literal `editor.…` key in the editor's code, and every member of the key families built from lists. */
const keys = new Set<string>([
  ...[...sources.matchAll(/['"`](editor\.[A-Za-z0-9_.-]+)['"`]/g)].map((match) => match[1]),
  ...STEP_KINDS.flatMap((kind) => [`newStep.${kind}`, `palette.hint.${kind}`, `field.description.${kind}`, `command.add-${kind}`].map((k) => `editor.${k}`)),
  ...['edit', 'insert', 'view', 'scenario', 'help'].map((group) => `editor.group.${group}`),
  ...['error', 'warning', 'info'].flatMap((severity) => [`editor.findings.count.${severity}`, `editor.findings.severity.${severity}`]),
  ...['drag', 'connect', 'box', 'shiftClick', 'pan', 'zoom', 'dropPalette'].flatMap((g) => [`editor.help.gesture.${g}`, `editor.help.gestureKey.${g}`]),
  ...['title', 'titleEn', 'timeZone', 'location', 'organiser', 'description', 'summaryEn'].map((field) => `editor.meta.${field}`),
  ...['Name', 'Unit', 'Phone', 'CallSign'].map((field) => `editor.roles.person${field}`),
]);

describe('the editor catalogues', () => {
  it('have a Chinese and an English text for every key the editor uses', () => {
    const missing = [...keys].filter((key) => {
      const bare = key.replace(/^editor\./, '');
      return typeof lookup(zh, bare) !== 'string' || typeof lookup(en, bare) !== 'string';
    });
    expect(missing).toEqual([]);
    expect(keys.size).toBeGreaterThan(150);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const walk = (a: unknown, b: unknown, at: string): string[] =>
      typeof a === 'string'
        ? JSON.stringify(placeholders(a)) === JSON.stringify(placeholders(String(b))) ? [] : [at]
        : Object.keys(a as object).flatMap((key) => walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`));
    expect(walk(zh, en, 'editor')).toEqual([]);
  });
});
