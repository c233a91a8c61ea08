/**
 * The preload: exposes exactly the contract's named operations to the page,
 * each a call to its own IPC channel. No raw `ipcRenderer`, no generic
 * invoke. Runs sandboxed; imports only `electron` at run time.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiMethod, DrillTransport } from '../shared/api';
import type { RunEvent } from '../shared/model';
import { channelOf, RUN_EVENT_CHANNEL } from './channels';

const call =
  <M extends ApiMethod>(method: M) =>
  (arg: Parameters<DrillTransport[M]>[0]) =>
    ipcRenderer.invoke(channelOf(method), arg) as ReturnType<DrillTransport[M]>;

const transport = {
  listScenarios: call('listScenarios'),
  getScenario: call('getScenario'),
  createScenario: call('createScenario'),
  updateScenarioMeta: call('updateScenarioMeta'),
  duplicateScenario: call('duplicateScenario'),
  deleteScenario: call('deleteScenario'),
  applyGraphOps: call('applyGraphOps'),
  importScenario: call('importScenario'),
  exportScenario: call('exportScenario'),
  listTemplates: call('listTemplates'),
  createFromTemplate: call('createFromTemplate'),
  listRuns: call('listRuns'),
  getRun: call('getRun'),
  createRun: call('createRun'),
  recordEvent: call('recordEvent'),
  correctEvent: call('correctEvent'),
  resolveDuplicate: call('resolveDuplicate'),
  shiftPlan: call('shiftPlan'),
  deleteRun: call('deleteRun'),
  updateRunDocFields: call('updateRunDocFields'),
  importRunCsv: call('importRunCsv'),
  previewPlanImport: call('previewPlanImport'),
  exportRunCsv: call('exportRunCsv'),
  exportRunArchive: call('exportRunArchive'),
  importPlanTable: call('importPlanTable'),
  importEvalForm: call('importEvalForm'),
  listAnnotations: call('listAnnotations'),
  setRunParticipants: call('setRunParticipants'),
  addAnnotation: call('addAnnotation'),
  updateAnnotation: call('updateAnnotation'),
  deleteAnnotation: call('deleteAnnotation'),
  listAttachments: call('listAttachments'),
  attachPhoto: call('attachPhoto'),
  listFragments: call('listFragments'),
  saveFragment: call('saveFragment'),
  deleteFragment: call('deleteFragment'),
  exportXlsx: call('exportXlsx'),
  exportDocx: call('exportDocx'),
  getPrefs: call('getPrefs'),
  setPrefs: call('setPrefs'),
  listBackups: call('listBackups'),
  createBackup: call('createBackup'),
  restoreBackup: call('restoreBackup'),
  pinBackup: call('pinBackup'),
  storageStatus: call('storageStatus'),
  createSeat: call('createSeat'),
  listSeats: call('listSeats'),
  revokeSeat: call('revokeSeat'),
  joinSeat: call('joinSeat'),
  getMySeat: call('getMySeat'),
  listNetworkInterfaces: call('listNetworkInterfaces'),
  startSharing: call('startSharing'),
  stopSharing: call('stopSharing'),
  sharingStatus: call('sharingStatus'),
  listTasks: call('listTasks'),
  cancelTask: call('cancelTask'),
} satisfies DrillTransport;

/** Desktop-only operations that have no browser-mode equivalent (printing through Electron). */
const desktop = {
  printToPdf: (arg: { fileName: string; landscape: boolean }) => ipcRenderer.invoke('drilldesk:print-to-pdf', arg) as Promise<{ saved: boolean; path: string | null }>,
  print: () => ipcRenderer.invoke('drilldesk:print') as Promise<{ printed: boolean }>,
  /** Every event committed to `runId` (by this window, another, or a seat), as the main process pushes it; answers the unsubscribe. */
  onRunEvent: (runId: string, listener: (event: RunEvent) => void) => {
    const relay = (_: unknown, event: RunEvent) => {
      if (event.runId === runId) listener(event);
    };
    ipcRenderer.on(RUN_EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(RUN_EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('drillDesk', transport);
contextBridge.exposeInMainWorld('drillDeskDesktop', desktop);
