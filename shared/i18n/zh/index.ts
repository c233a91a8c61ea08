/** The Simplified Chinese catalogue: every visible string of the app, one namespace per screen. */
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
