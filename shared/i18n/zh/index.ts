/**
 * The Simplified Chinese catalogue: every visible string of the app, one namespace per screen.
 *
 * Glossary: one name per concept, chosen as a county drill office writes it
 * (tests/unit/vocabulary.test.ts fails on a retired word):
 * - 步骤 (step): a row of the script and a node of the graph, in the editor,
 *   console, replay, report and print; “第 6 步” in the script. Not 环节, not 项.
 * - 情景注入 (inject): the step kind and the console event; the console button
 *   is 注入. Not 已注入.
 * - 暂停 / 继续 (pause / resume a drill). 恢复 is kept for restoring a backup
 *   (恢复备份) and for recovery in a drill's content (恢复供水); not for resume.
 * - 结束演练 (end the drill), the button and the event. 演练结束后 (after the
 *   drill) stays as ordinary Chinese.
 * - 上级 (reports to) for a role's superior. Not 向谁报告.
 * - 前序步骤 (a preceding step) for what a step waits on; 上游 is a river's.
 * - 开始延迟 (started late), 用时超出 (took longer), 衔接 (what follows on a
 *   role sheet), 评估人员 (the evaluator category, AQ/T 9009).
 * Punctuation: Chinese text uses full-width marks and “ ” quotes (never 「」);
 * English text uses half-width marks and "straight" quotes. English counts
 * take `key_one` beside `key` (i18next plural forms; `messageOf` picks them too).
 */
import { common } from './common';
import { home } from './home';
import { editor } from './editor';
import { print } from './print';
import { replay } from './replay';
import { conduct } from './conduct';
import { backups } from './backups';
import { scriptImport } from './scriptImport';
import { files } from './files';
import { evaluation } from './evaluation';
import { tasks } from './tasks';
import { rules } from './rules';
import { errors } from './errors';

export const zh = { ...common, home, editor, print, conduct, replay, backups, scriptImport, files, evaluation, tasks, rules, errors };
export type Catalogue = typeof zh;
