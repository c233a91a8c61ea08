/**
 * One vocabulary: every catalogue message uses the one name the glossary
 * (shared/i18n/zh/index.ts, README "Vocabulary") gives each concept, Chinese
 * quotes “ ” rather than 「」, and English messages use half-width punctuation.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { zh } from '../../shared/i18n/zh';
import { messageOf } from '../../shared/i18n';

function leavesOf(value: unknown, prefix = ''): [string, string][] {
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) => leavesOf(child, prefix ? `${prefix}.${key}` : key));
  return [[prefix, String(value)]];
}

/** Retired words, each with the word that replaced it and where the check applies (a key prefix; '' for everywhere). */
const RETIRED: { pattern: RegExp; use: string; within?: string[] }[] = [
  { pattern: /环节/, use: '步骤' },
  { pattern: /第\s*\{\{index\}\}\s*项/, use: '第 {{index}} 步' },
  { pattern: /已注入/, use: '情景注入 (event), 注入 (button)' },
  { pattern: /恢复/, use: '继续 (resume a paused drill)', within: ['conduct.', 'replay.'] },
  { pattern: /演练结束(?!后)/, use: '结束演练' },
  { pattern: /向谁报告/, use: '上级' },
  { pattern: /上游/, use: '前序步骤' },
  { pattern: /起步晚|晚开始/, use: '开始延迟' },
  { pattern: /带来\s*\{\{minutes\}\}/, use: '顺延 {{minutes}} 分钟' },
  { pattern: /移交/, use: '衔接' },
  { pattern: /格式不对|后台不认识|还没有做好/, use: 'plain official wording' },
  { pattern: /修订 \{\{revision\}\}/, use: '修改 {{revision}} 次' },
  { pattern: /评价人员/, use: '评估人员' },
];

describe('the Chinese catalogue', () => {
  const messages = leavesOf(zh);

  it.each(RETIRED.map((r) => [r.pattern.source, r] as const))('no longer says %s', (_, retired) => {
    const offending = messages.filter(
      ([key, text]) => (!retired.within || retired.within.some((prefix) => key.startsWith(prefix))) && retired.pattern.test(text),
    );
    expect(offending.map(([key, text]) => `${key}: ${text} (use ${retired.use})`)).toEqual([]);
  });

  it('quotes with “ ”, never 「」 or straight quotes around Chinese', () => {
    const offending = messages.filter(([, text]) => /[「」『』]|"[^"]*[\u4e00-\u9fff][^"]*"/.test(text));
    expect(offending.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('uses full-width commas, colons and question marks after Chinese text', () => {
    // A CSV header is data, and 时:分 names a clock format: both keep their ASCII marks.
    const offending = messages.filter(
      ([key, text]) => !key.endsWith('csv.header') && /[\u4e00-\u9fff][,?;!]|[\u4e00-\u9fff]:(?!\/)/.test(text.replace(/时:分(:秒)?/g, '')),
    );
    expect(offending.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});

describe('the English catalogue', () => {
  it('uses half-width punctuation only', () => {
    const offending = leavesOf(en).filter(([, text]) => /[（）？：，。；！「」『』【】、“”]/.test(text));
    expect(offending.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('has no "(s)" plural slips and a singular form for counted nouns', () => {
    const leaves = new Map(leavesOf(en));
    expect([...leaves].filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
    for (const [key, text] of leaves)
      if (/\{\{count\}\} (steps|roles|runs|items|pages|errors|warnings)\b/.test(text)) expect(leaves.has(`${key}_one`), key).toBe(true);
  });

  it('says "1 step" and "2 steps"', () => {
    expect(messageOf('en', 'home.steps', { count: 1 })).toBe('1 step');
    expect(messageOf('en', 'home.steps', { count: 2 })).toBe('2 steps');
    expect(messageOf('zh', 'home.steps', { count: 1 })).toBe(messageOf('zh', 'home.steps', { count: 2 }).replace('2', '1'));
  });
});
