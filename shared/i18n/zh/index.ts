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
import { domainChecks } from './domainChecks';

export const zh = { ...common, home, editor, print, conduct, replay, backups, scriptImport, files, evaluation, tasks, domainChecks };
export type Catalogue = typeof zh;
