import type { common as zh } from '../zh/common';

export const common: typeof zh = {
  app: { name: 'DrillDesk', tagline: 'Drill scripts, live control log and debrief' },
  nav: { home: 'Drills', editor: 'Edit', timeline: 'Timeline', conduct: 'Conduct', replay: 'Replay', print: 'Print' },
  action: {
    cancel: 'Cancel',
    confirm: 'OK',
    delete: 'Delete',
    close: 'Close',
    save: 'Save',
    open: 'Open',
    create: 'New',
    duplicate: 'Duplicate',
    import: 'Import',
    export: 'Export',
    back: 'Back',
    retry: 'Retry',
  },
  /** Punctuation after a label and between clauses: full width in Chinese. */
  colon: ': ',
  listSep: ', ',
  comma: ', ',
  language: { label: 'Language', zh: '中文', en: 'English' },
  state: { loading: 'Loading…', saving: 'Saving…', saved: 'Saved', unsaved: 'Not saved', error: 'Error' },
  kind: { inject: 'Inject', action: 'Action', decision: 'Decision', milestone: 'Milestone' },
  category: { player: 'Player', controller: 'Controller', simulator: 'Simulator', evaluator: 'Evaluator', observer: 'Observer' },
  unit: { minutes: '{{count}} min', min: 'min' },
  error: {
    code: {
      'invalid-argument': 'The input is not valid; nothing was changed.',
      'unknown-method': 'The back end does not know this operation; nothing was changed.',
      'not-found': 'What you are working on was not found; it may have been deleted.',
      conflict: 'This conflicts with the stored data; nothing was changed.',
      'too-large': 'The file or text is too large; nothing was changed.',
      'storage-failed': 'The database could not be written; this change was not saved.',
      unauthorized: 'Not authorised: open DrillDesk with the address it printed at start.',
      cancelled: 'Cancelled; nothing was changed.',
      internal: 'An unexpected error occurred; nothing was changed.',
    },
    title: 'Something went wrong',
    notFound: 'This drill was not found; it may have been deleted.',
    unreachable: 'Cannot reach the DrillDesk back end.',
  },
  storage: {
    recovered: 'The database file was damaged. It was moved aside to {{path}} and a new database was created. You can restore the latest backup under "Backups".',
  },
};
