import type { tasks as zh } from '../zh/tasks';

export const tasks: typeof zh = {
  title: 'Imports and exports in progress',
  method: {
    importScenario: 'Importing a drill file',
    importRunCsv: 'Importing a run log',
    previewPlanImport: 'Reading a drill script',
    importPlanTable: 'Importing a drill script',
    exportXlsx: 'Exporting to Excel',
    exportDocx: 'Exporting to Word',
  },
  elapsed: '{{seconds}} s of at most {{budget}} s',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
};
