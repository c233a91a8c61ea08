/**
 * The numbered migrations, in order. Migration N brings the schema from
 * `user_version` N-1 to N. Once shipped, a migration is never edited: add a
 * new file instead. `checksum` pins each file's SQL so an edited migration
 * is caught at start-up by `migrate` (see db.ts).
 */
import { sql as m0001 } from './0001-initial';
import { sql as m0002 } from './0002-time-zone';
import { sql as m0003 } from './0003-evaluation';
import { sql as m0004 } from './0004-report-fields';
import { sql as m0005 } from './0005-document-fields';
import { sql as m0006 } from './0006-seats';
import { sql as m0007 } from './0007-attachments';
import { sql as m0008 } from './0008-roster-arrangements';
import { sql as m0009 } from './0009-scenario-time';

export type Migration = { version: number; name: string; sql: string };

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: m0001 },
  { version: 2, name: '0002-time-zone', sql: m0002 },
  { version: 3, name: '0003-evaluation', sql: m0003 },
  { version: 4, name: '0004-report-fields', sql: m0004 },
  { version: 5, name: '0005-document-fields', sql: m0005 },
  { version: 6, name: '0006-seats', sql: m0006 },
  { version: 7, name: '0007-attachments', sql: m0007 },
  { version: 8, name: '0008-roster-arrangements', sql: m0008 },
  { version: 9, name: '0009-scenario-time', sql: m0009 },
];
