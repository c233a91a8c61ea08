/**
 * The one contract between the renderer and the back end.
 *
 * `apiInputs` holds the zod schema of each operation's single argument
 * object; `ApiOutputs` the type of its result. `DrillApi` is what the
 * renderer codes against; both transports (Electron IPC and browser-mode
 * HTTP) carry exactly these methods, and the back end's dispatcher parses
 * every argument with the schema before the service sees it.
 */
import { z } from 'zod';
import {
  AnnotationFieldsSchema,
  DocFieldsSchema,
  EvalValueSchema,
  FragmentBodySchema,
  IdSchema,
  InstantSchema,
  MAX_MINUTES,
  NewRunEventSchema,
  patchSchemaOf,
  ScenarioMetaSchema,
  nameText,
  freeText,
  type Annotation,
  type EvalForm,
  type Fragment,
  type Run,
  type RunEvent,
  type RunSummary,
  type Scenario,
  type ScenarioSummary,
} from './model';
import { GraphOpsSchema } from './ops';
import type { ScriptImport } from './scriptImport/build';
import { ScriptFieldSchema } from './scriptImport/header';

/** The documents that export to Word: a scenario's, then a run's. */
export const DOCX_DOCUMENTS = ['role-sheets', 'roster', 'script', 'evaluation-form', 'report', 'evaluation-report'] as const;
export type DocxDocument = (typeof DOCX_DOCUMENTS)[number];
/** The documents made of a run (its summary and evaluation reports) rather than of a scenario. */
export const RUN_DOCUMENTS: readonly DocxDocument[] = ['report', 'evaluation-report'];

/** Largest scenario or run-log file accepted for import, checked before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const ImportTextSchema = z
  .string()
  .max(MAX_IMPORT_BYTES, { message: `file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` });

/** A file's bytes, base64-encoded, at most `MAX_IMPORT_BYTES` of them. */
const ImportBytesSchema = z
  .string()
  .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, { message: `file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' });

/**
 * An imported text file comes as its bytes (`dataBase64`: what the app and
 * the command line send; the back end detects the encoding) or as text
 * already decoded (`text`, or `csv` for a run log: for callers in the same
 * process). Exactly one of the two.
 */
const exactlyOneOf =
  (textKey: 'text' | 'csv') =>
  (file: { text?: string; csv?: string; dataBase64?: string }): boolean =>
    (file[textKey] === undefined) !== (file.dataBase64 === undefined);

const empty = z.strictObject({});

/** Most columns a mapping may name (the script import's column limit). */
const MAX_MAPPED_COLUMNS = 64;
/** What each column of an imported table holds, by column index (`null`: as detected). */
export const ScriptMappingSchema = z.array(ScriptFieldSchema.nullable()).max(MAX_MAPPED_COLUMNS);
/** Mappings remembered per header signature; the newest 100 are kept. */
export const MAX_REMEMBERED_MAPPINGS = 100;

/** A file sent for import: its name (for messages and a fallback title) and its bytes. */
const importFileShape = {
  fileName: z.string().max(260),
  dataBase64: ImportBytesSchema,
  /** Which table of the file (a sheet, a Word table); the first recognised one when left out. */
  table: z.number().int().min(0).max(999).optional(),
  /** What each column holds, when the user corrected it; else the remembered or detected mapping. */
  mapping: ScriptMappingSchema.optional(),
};
const BackupNameSchema = z.string().regex(/^[A-Za-z0-9_.-]+\.sqlite$/).max(200);
const byId = z.strictObject({ id: IdSchema });

export const PrefsSchema = z.strictObject({
  language: z.enum(['zh', 'en']),
  lastScenarioId: IdSchema.nullable(),
  showSwimlanes: z.boolean(),
  snapToGrid: z.boolean(),
  backupsToKeep: z.number().int().min(1).max(100),
  /** Column mappings chosen in the import dialog, by header signature. */
  importMappings: z
    .record(z.string().max(500), ScriptMappingSchema)
    .refine((value) => Object.keys(value).length <= MAX_REMEMBERED_MAPPINGS, { message: `at most ${MAX_REMEMBERED_MAPPINGS} mappings` }),
});
export type Prefs = z.infer<typeof PrefsSchema>;
export const DEFAULT_PREFS: Prefs = {
  language: 'zh',
  lastScenarioId: null,
  showSwimlanes: false,
  snapToGrid: true,
  backupsToKeep: 10,
  importMappings: {},
};

export const apiInputs = {
  // Scenarios
  listScenarios: z.strictObject({ query: z.string().max(200).optional() }),
  getScenario: byId,
  createScenario: z.strictObject({ meta: ScenarioMetaSchema }),
  updateScenarioMeta: z.strictObject({ id: IdSchema, patch: patchSchemaOf(ScenarioMetaSchema) }),
  duplicateScenario: z.strictObject({ id: IdSchema, title: nameText().optional() }),
  deleteScenario: byId,
  applyGraphOps: z.strictObject({
    scenarioId: IdSchema,
    /** The revision the client's edit was made on; a mismatch is refused, so two windows cannot overwrite each other. */
    baseRevision: z.number().int().min(0),
    ops: GraphOpsSchema,
  }),
  importScenario: z
    .strictObject({ text: ImportTextSchema.optional(), dataBase64: ImportBytesSchema.optional() })
    .refine(exactlyOneOf('text'), { message: 'give the file as "text" or as "dataBase64", one of them' }),
  exportScenario: byId,
  listTemplates: empty,
  createFromTemplate: z.strictObject({ templateId: IdSchema }),

  // Runs and their events
  listRuns: z.strictObject({ scenarioId: IdSchema.optional() }),
  getRun: byId,
  createRun: z.strictObject({ scenarioId: IdSchema, name: nameText() }),
  recordEvent: z.strictObject({ runId: IdSchema, event: NewRunEventSchema }),
  correctEvent: z.strictObject({
    runId: IdSchema,
    seq: z.number().int().min(1),
    at: InstantSchema.optional(),
    text: freeText().optional(),
    /** For an evaluation score: the corrected rating. */
    value: EvalValueSchema.optional(),
  }),
  shiftPlan: z.strictObject({
    runId: IdSchema,
    minutes: z.number().finite().min(-MAX_MINUTES).max(MAX_MINUTES),
    reason: freeText().default(''),
  }),
  deleteRun: byId,
  /** A run's own document fields for its summary report (报告单位, 主送, 抄送, 落款, 日期, 编制/审核/签发, 密级), replacing the old ones. */
  updateRunDocFields: z.strictObject({ id: IdSchema, docFields: DocFieldsSchema }),
  importRunCsv: z
    .strictObject({ scenarioId: IdSchema, name: nameText(), csv: ImportTextSchema.optional(), dataBase64: ImportBytesSchema.optional() })
    .refine(exactlyOneOf('csv'), { message: 'give the file as "csv" or as "dataBase64", one of them' }),
  /** A run's log as the run-log CSV that `importRunCsv` reads back, evaluation entries included. */
  exportRunCsv: byId,
  /** What importing a drill script (.docx, .xlsx, CSV, HSEEP MSEL, OpenAEV .json) would create; writes nothing. */
  previewPlanImport: z.strictObject(importFileShape),
  /** A drill script imported as a new scenario, with the mapping the user confirmed (remembered for its header). */
  importPlanTable: z.strictObject({
    ...importFileShape,
    /** When a scenario has the same title: refuse (the default), or import as a copy. */
    ifSameTitle: z.enum(['refuse', 'copy']).default('refuse'),
  }),

  /** An evaluation form kept as a spreadsheet or Word table (.xlsx, .docx, CSV), read and returned (not stored: the 评估 tab adds it as an edit). */
  importEvalForm: z.strictObject({ fileName: importFileShape.fileName, dataBase64: importFileShape.dataBase64 }),

  // Debrief annotations
  listAnnotations: z.strictObject({ runId: IdSchema.optional(), scenarioId: IdSchema.optional() }),
  addAnnotation: z.strictObject({ runId: IdSchema, fields: AnnotationFieldsSchema }),
  updateAnnotation: z.strictObject({ id: IdSchema, patch: patchSchemaOf(AnnotationFieldsSchema) }),
  deleteAnnotation: byId,

  // Fragments
  listFragments: empty,
  saveFragment: z.strictObject({ name: nameText(), body: FragmentBodySchema }),
  deleteFragment: byId,

  // Printed documents
  exportXlsx: z.strictObject({
    scenarioId: IdSchema,
    document: z.enum(['script', 'roster', 'evaluation-form']),
    /** For `evaluation-form`: which form (the first when not given). */
    formId: IdSchema.optional(),
    /** The language of the column headings and labels. */
    language: z.enum(['zh', 'en']).default('zh'),
  }),

  /**
   * A document as a Word file (.docx): the scenario's role sheets (all roles, or `roleIds`), roster, drill script
   * or blank evaluation forms (all, or `formId`), or a run's summary report or evaluation report.
   */
  exportDocx: z
    .strictObject({
      document: z.enum(DOCX_DOCUMENTS),
      scenarioId: IdSchema.optional(),
      runId: IdSchema.optional(),
      roleIds: z.array(IdSchema).min(1).max(1000).optional(),
      formId: IdSchema.optional(),
      language: z.enum(['zh', 'en']).default('zh'),
    })
    .refine((arg) => (RUN_DOCUMENTS.includes(arg.document) ? arg.runId !== undefined && arg.scenarioId === undefined : arg.scenarioId !== undefined && arg.runId === undefined), {
      message: 'a run\'s report needs "runId"; every other document needs "scenarioId" (one of them, not both)',
    }),

  // Preferences
  getPrefs: empty,
  setPrefs: z.strictObject({ patch: PrefsSchema.partial() }),

  // Backups
  listBackups: empty,
  createBackup: empty,
  restoreBackup: z.strictObject({ name: BackupNameSchema }),
  /** Pins a backup (never rotated away) or unpins it (back in rotation). */
  pinBackup: z.strictObject({ name: BackupNameSchema, pinned: z.boolean() }),
  storageStatus: empty,

  // Long calls (imports, exports) running in their own worker: their progress, and stopping one
  listTasks: empty,
  cancelTask: z.strictObject({ id: z.number().int().min(1) }),
} as const;

export type ApiMethod = keyof typeof apiInputs;
export const API_METHODS = Object.keys(apiInputs) as ApiMethod[];

/** Operations answered by the process that runs the workers (they are about the workers), not by the service inside one. */
export const HOST_METHODS = ['listTasks', 'cancelTask'] as const satisfies readonly ApiMethod[];
export type HostMethod = (typeof HOST_METHODS)[number];
/** Operations the service implements. */
export type ServiceMethod = Exclude<ApiMethod, HostMethod>;

/**
 * Long operations: each runs in a worker of its own with a time budget and a
 * heap limit, can be cancelled, and never holds up the other calls.
 */
export const TASK_METHODS = [
  'importScenario',
  'importRunCsv',
  'previewPlanImport',
  'importPlanTable',
  'exportXlsx',
  'exportDocx',
] as const satisfies readonly ServiceMethod[];
export type TaskMethod = (typeof TASK_METHODS)[number];

/** A long call in progress: what it is, how long it has run and how long it may run. */
export type TaskInfo = {
  id: number;
  method: TaskMethod;
  /** The file being imported, when the call names one. */
  fileName: string | null;
  startedAt: string;
  elapsedMs: number;
  budgetMs: number;
};

/** What an import would create, shown before anything is written. */
export type PlanImportPreview = Omit<ScriptImport, 'body'> & {
  fileName: string;
  format: 'docx' | 'xlsx' | 'csv' | 'json';
  /** The tables (sheets, Word tables) of the file; `recognised` when a script header was found. */
  tables: { index: number; name: string; rows: number; recognised: boolean }[];
  table: number;
  title: string;
  drillDate: string | null;
  startTime: string | null;
  location: string;
  /** The mapping came from an earlier import of a file with the same headings. */
  remembered: boolean;
  /** An existing scenario with the same title. */
  sameTitle: { id: string; title: string } | null;
};

export type Template = { id: string; title: string; titleEn: string; summaryEn: string; stepCount: number };
/** Why a backup is kept from rotation: the user pinned it, or it was made before a damaged database was moved aside. */
export type BackupKept = 'pinned' | 'before-recovery';
export type BackupInfo = { name: string; createdAt: string; bytes: number; kept: BackupKept | null };
/** What the back end says about its storage: where it lives, and anything the user must be told at start-up. */
export type StorageStatus = {
  dataDir: string;
  /** Set when a damaged database was moved aside at start-up. */
  recoveredFrom: { movedTo: string; reason: string } | null;
  /** Set when the sample drills could not be put into a new database (it is tried again at the next start): why. */
  seedingFailed: string | null;
  schemaVersion: number;
};

export interface ApiOutputs {
  listScenarios: ScenarioSummary[];
  getScenario: Scenario;
  createScenario: Scenario;
  updateScenarioMeta: Scenario;
  duplicateScenario: ScenarioSummary;
  deleteScenario: { deleted: true };
  applyGraphOps: { revision: number; updatedAt: string };
  importScenario: ScenarioSummary;
  exportScenario: { fileName: string; text: string };
  listTemplates: Template[];
  createFromTemplate: ScenarioSummary;

  listRuns: RunSummary[];
  getRun: { run: Run; events: RunEvent[] };
  createRun: Run;
  recordEvent: RunEvent;
  correctEvent: RunEvent;
  shiftPlan: RunEvent;
  deleteRun: { deleted: true };
  updateRunDocFields: Run;
  importRunCsv: RunSummary;
  previewPlanImport: PlanImportPreview;
  exportRunCsv: { fileName: string; text: string };
  importPlanTable: ScenarioSummary;
  importEvalForm: { form: EvalForm };

  listAnnotations: Annotation[];
  addAnnotation: Annotation;
  updateAnnotation: Annotation;
  deleteAnnotation: { deleted: true };

  listFragments: Fragment[];
  saveFragment: Fragment;
  deleteFragment: { deleted: true };

  /** An Excel workbook (`.xlsx`) of the drill script or the roster, base64-encoded. */
  exportXlsx: { fileName: string; base64: string };
  /** A Word document (`.docx`), base64-encoded. */
  exportDocx: { fileName: string; base64: string };

  getPrefs: Prefs;
  setPrefs: Prefs;

  listBackups: BackupInfo[];
  createBackup: BackupInfo;
  restoreBackup: { restored: true };
  pinBackup: BackupInfo;
  storageStatus: StorageStatus;

  listTasks: TaskInfo[];
  cancelTask: { cancelled: boolean };
}

export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;
export type ApiArgs<M extends ApiMethod> = z.output<(typeof apiInputs)[M]>;

/** What the renderer calls: one argument object per method, a promise of its result. Errors reject with `ApiError`. */
export type DrillApi = { [M in ApiMethod]: (arg: ApiInput<M>) => Promise<ApiOutputs[M]> };

/** What serves one operation: its argument already parsed; may be synchronous. */
export type ApiHandler<M extends ApiMethod> = (arg: ApiArgs<M>) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
/** What the back end's service implements: every operation except the host's. */
export type DrillService = { [M in ServiceMethod]: ApiHandler<M> };
/** What the worker host implements. */
export type HostService = { [M in HostMethod]: ApiHandler<M> };

export const ApiErrorCodeSchema = z.enum([
  'invalid-argument',
  'unknown-method',
  'not-found',
  'conflict',
  'too-large',
  'storage-failed',
  'unauthorized',
  'cancelled',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/** The one error that crosses the boundary: a code and a message a person can read. Never a stack trace. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const ApiErrorBodySchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  details: z.array(z.string()).default([]),
});

/** The envelope each transport carries: a result or an error, so errors keep their code across IPC and HTTP. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string; details: string[] } };

/** The raw transport the preload exposes: same methods, envelopes instead of thrown errors. */
export type DrillTransport = { [M in ApiMethod]: (arg: ApiInput<M>) => Promise<Envelope<ApiOutputs[M]>> };

/** Formats zod issues as `path: message` lines, e.g. `meta.title: must not be empty`. */
export function issuesOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 50).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** Builds the `DrillApi` the renderer uses from a transport, turning error envelopes into `ApiError`s. */
export function clientOf(transport: DrillTransport): DrillApi {
  const client = {} as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    client[method] = async (arg: unknown) => {
      const envelope = await (transport[method] as (arg: unknown) => Promise<Envelope<unknown>>)(arg);
      if (envelope.ok) return envelope.value;
      throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
    };
  }
  return client as unknown as DrillApi;
}
