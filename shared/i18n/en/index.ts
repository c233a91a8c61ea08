/** The English catalogue; its shape must match the Chinese one (checked by the compiler and a test). */
import type { Catalogue } from '../zh';
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

export const en: Catalogue = { ...common, home, editor, print, conduct, replay, backups, scriptImport, files, evaluation, tasks };
