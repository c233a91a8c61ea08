/** The two catalogues carry the same keys, and no message is empty. */
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { zh } from '../../shared/i18n/zh';

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
