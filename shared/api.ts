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
  AttachmentInputSchema,
  AttachmentsInputSchema,
  ClientIdSchema,
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
  type Attachment,
  type AttachmentInfo,
  type EvalForm,
  type Fragment,
  type Run,
  type RunEvent,
  type RunSummary,
  type Scenario,
  type ScenarioSummary,
} from './model';
import { GraphOpsSchema } from './ops';
import { JoinCodeSchema, NewSeatSchema, type NetworkChoice, type Seat } from './seats';
import type { ScriptImport } from './scriptImport/build';
import { ScriptFieldSchema } from './scriptImport/header';
import { messageOf, messageTextOf, msg, technicalOf, type Language, type Message, type MessageKey, type MessageParam, type MessageParams } from './i18n';

/** The documents that export to Word: a scenario's, then a run's. */
export const DOCX_DOCUMENTS = ['role-sheets', 'roster', 'script', 'evaluation-form', 'plan', 'evaluation-plan', 'support-plan', 'notice', 'sign-in', 'equipment', 'contacts', 'report', 'evaluation-report'] as const;
export type DocxDocument = (typeof DOCX_DOCUMENTS)[number];
/** The documents made of a run (its summary and evaluation reports) rather than of a scenario. */
export const RUN_DOCUMENTS: readonly DocxDocument[] = ['report', 'evaluation-report'];
/** The documents that export to Excel (.xlsx): the tabular ones, by their Word names (`DOCX_DOCUMENTS`). */
export const XLSX_DOCUMENTS = ['script', 'roster', 'evaluation-form', 'sign-in', 'equipment', 'contacts'] as const satisfies readonly DocxDocument[];
export type XlsxDocument = (typeof XLSX_DOCUMENTS)[number];

/** Largest scenario or run-log file accepted for import, checked before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The refusal of a file over `MAX_IMPORT_BYTES`, as a catalogue message zod carries. */
const tooLargeFile = { params: { key: 'errors.file.tooLarge', values: { mb: MAX_IMPORT_BYTES / 1024 / 1024 } }, abort: true };

const ImportTextSchema = z.string().refine((text) => text.length <= MAX_IMPORT_BYTES, tooLargeFile);

/** A file's bytes, base64-encoded, at most `MAX_IMPORT_BYTES` of them. */
const ImportBytesSchema = z
  .string()
  .refine((text) => text.length <= Math.ceil(MAX_IMPORT_BYTES / 3) * 4, tooLargeFile)
  .refine((text) => /^[A-Za-z0-9+/]*={0,2}$/.test(text), { params: { key: 'errors.file.notBase64' } });

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
    .refine((value) => Object.keys(value).length <= MAX_REMEMBERED_MAPPINGS, { params: { key: 'errors.invalid.manyItems', values: { max: MAX_REMEMBERED_MAPPINGS } } }),
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
    .refine(exactlyOneOf('text'), { params: { key: 'errors.file.textOrBytes', values: { text: 'text' } } }),
  exportScenario: byId,
  listTemplates: empty,
  createFromTemplate: z.strictObject({ templateId: IdSchema }),

  // Runs and their events
  listRuns: z.strictObject({ scenarioId: IdSchema.optional() }),
  getRun: byId,
  createRun: z.strictObject({ scenarioId: IdSchema, name: nameText() }),
  /** One event; an observation or evaluation entry may carry photos, written with it (JPEG/PNG, see `shared/images.ts`). */
  recordEvent: z.strictObject({ runId: IdSchema, event: NewRunEventSchema, attachments: AttachmentsInputSchema.optional() }),
  correctEvent: z.strictObject({
    runId: IdSchema,
    seq: z.number().int().min(1),
    at: InstantSchema.optional(),
    text: freeText().optional(),
    /** For an evaluation score: the corrected rating. */
    value: EvalValueSchema.optional(),
  }),
  /**
   * Resolves a duplicate (two records of the same step state, see
   * `applyEvent`): voids record `seq`, either the duplicate or the record it
   * repeats, so the other stands. Recorded as a `voided` event superseding it.
   */
  resolveDuplicate: z.strictObject({ runId: IdSchema, seq: z.number().int().min(1) }),
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
    .refine(exactlyOneOf('csv'), { params: { key: 'errors.file.textOrBytes', values: { text: 'csv' } } }),
  /** A run's log as the run-log CSV that `importRunCsv` reads back, evaluation entries included. */
  exportRunCsv: byId,
  /** A run whole, as a zip: its run-log CSV, its photos as image files, and their index (`photos.csv`). */
  exportRunArchive: byId,
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

  // Seats (联网导调): devices joining a live run on the local network
  /** A seat of a running run, with its join code (shown once: only its hash is kept). */
  createSeat: z.strictObject({ runId: IdSchema, seat: NewSeatSchema }),
  listSeats: z.strictObject({ runId: IdSchema }),
  /** Ends a seat at once: its token and any unused join code stop working. */
  revokeSeat: byId,
  /** A join code exchanged for the seat's token (once; within 10 minutes of its creation). */
  joinSeat: z.strictObject({ code: JoinCodeSchema }),
  /** The calling seat itself (a seat's page asks who it is). */
  getMySeat: empty,
  /** The network interfaces a run may be shared on: private IPv4 addresses only. */
  listNetworkInterfaces: empty,
  /** Shares a running run with its seats on one private interface (port 0: a free one); over HTTPS with the host's self-signed certificate when asked. */
  startSharing: z.strictObject({
    runId: IdSchema,
    address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, { message: 'errors.invalid.ipv4' }),
    port: z.number().int().min(0).max(65535).default(0),
    https: z.boolean().default(false),
  }),
  stopSharing: empty,
  /** Whether a run is shared, where, and which seats hold a live-update stream now. */
  sharingStatus: empty,

  // Debrief annotations
  listAnnotations: z.strictObject({ runId: IdSchema.optional(), scenarioId: IdSchema.optional() }),
  setRunParticipants: z.strictObject({ runId: IdSchema, participants: z.number().int().min(0).max(100_000).nullable() }),
  addAnnotation: z.strictObject({ runId: IdSchema, fields: AnnotationFieldsSchema, attachments: AttachmentsInputSchema.optional() }),
  /** A run's photos, with their bytes, in the order they were added. */
  listAttachments: z.strictObject({ runId: IdSchema }),
  /**
   * One more photo for an observation or evaluation entry already recorded, named by the recording device's client id
   * (a seat's page sends its text first, queued like any entry, then each photo on its own). A seat may add photos to
   * its own entries only, of at most `MAX_SEAT_PHOTO_BYTES`; the same photo sent again is added once.
   */
  attachPhoto: z.strictObject({ runId: IdSchema, clientId: ClientIdSchema, photo: AttachmentInputSchema }),
  updateAnnotation: z.strictObject({ id: IdSchema, patch: patchSchemaOf(AnnotationFieldsSchema) }),
  deleteAnnotation: byId,

  // Fragments
  listFragments: empty,
  saveFragment: z.strictObject({ name: nameText(), body: FragmentBodySchema }),
  deleteFragment: byId,

  // Printed documents
  exportXlsx: z.strictObject({
    scenarioId: IdSchema,
    document: z.enum(XLSX_DOCUMENTS),
    /** For `evaluation-form`: which form (the first when not given). */
    formId: IdSchema.optional(),
    /** The language of the column headings and labels. */
    language: z.enum(['zh', 'en']).default('zh'),
  }),

  /**
   * A document as a Word file (.docx): the scenario's role sheets (all roles, or `roleIds`; an observer's is its
   * 观摩手册), roster, drill script, blank evaluation forms (all, or `formId`), drill plan, notice, sign-in sheet,
   * equipment list or drill contacts, or a run's summary report or evaluation report.
   */
  exportDocx: z
    .strictObject({
      document: z.enum(DOCX_DOCUMENTS),
      scenarioId: IdSchema.optional(),
      runId: IdSchema.optional(),
      roleIds: z.array(IdSchema).min(1).max(1000).optional(),
      /** For `role-sheets`: players with few tasks (`fitsA5Card`) get the one-page A5 card instead of the A4 sheet. */
      a5: z.boolean().optional(),
      formId: IdSchema.optional(),
      language: z.enum(['zh', 'en']).default('zh'),
    })
    .superRefine((arg, context) => {
      const ofRun = RUN_DOCUMENTS.includes(arg.document);
      if (ofRun ? arg.runId !== undefined && arg.scenarioId === undefined : arg.scenarioId !== undefined && arg.runId === undefined) return;
      const message = ofRun ? 'errors.scenario.runDocument' : 'errors.scenario.scenarioDocument';
      context.addIssue({ code: 'custom', message, params: { values: { document: arg.document } } });
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
/** Operations about sharing a run on the network: answered by the browser-mode server that holds the seats' server. */
export const SHARING_METHODS = ['listNetworkInterfaces', 'startSharing', 'stopSharing', 'sharingStatus'] as const satisfies readonly ApiMethod[];
export type SharingMethod = (typeof SHARING_METHODS)[number];
/** Operations the service implements. */
export type ServiceMethod = Exclude<ApiMethod, HostMethod | SharingMethod>;

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
  'exportRunArchive',
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
  seedingFailed: Message | null;
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
  resolveDuplicate: RunEvent;
  shiftPlan: RunEvent;
  deleteRun: { deleted: true };
  updateRunDocFields: Run;
  importRunCsv: RunSummary;
  previewPlanImport: PlanImportPreview;
  exportRunCsv: { fileName: string; text: string };
  /** A zip, base64-encoded. */
  exportRunArchive: { fileName: string; base64: string };
  importPlanTable: ScenarioSummary;
  importEvalForm: { form: EvalForm };

  createSeat: { seat: Seat; code: string };
  listSeats: Seat[];
  revokeSeat: Seat;
  joinSeat: { seat: Seat; token: string };
  getMySeat: Seat;
  listNetworkInterfaces: NetworkChoice[];
  startSharing: SharingStatus;
  stopSharing: SharingStatus;
  sharingStatus: SharingStatus;

  listAnnotations: Annotation[];
  setRunParticipants: Run;
  addAnnotation: Annotation;
  updateAnnotation: Annotation;
  deleteAnnotation: { deleted: true };
  listAttachments: Attachment[];
  attachPhoto: AttachmentInfo;

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

/** Who is calling, as the dispatcher established it: the host (`seatId` null) or a seat. */
export type CallContext = { seatId: string | null };
export const HOST_CALL: CallContext = { seatId: null };

/** What serves one operation: its argument already parsed; may be synchronous. */
export type ApiHandler<M extends ApiMethod> = (arg: ApiArgs<M>, context?: CallContext) => ApiOutputs[M] | Promise<ApiOutputs[M]>;
/** What the back end's service implements: every operation except the host's. */
export type DrillService = { [M in ServiceMethod]: ApiHandler<M> };
/** What the worker host implements. */
export type HostService = { [M in HostMethod]: ApiHandler<M> };
/** What the sharing host implements. */
export type SharingService = { [M in SharingMethod]: ApiHandler<M> };

/** Why sharing kept from before a restart was not resumed: the run ended or is gone, the address is no longer offered, or it could not listen again. */
export type NotResumedReason = 'run-ended' | 'run-missing' | 'address-gone' | 'cannot-listen';

/**
 * A run shared on the network: where seats reach it, and which seats are
 * connected now (their ids). Over HTTPS, `fingerprint256` is the SHA-256 of
 * the seats' server's certificate (colon-separated hex, as browsers show it).
 * `notResumed`: the sharing kept from before the host restarted when it could
 * not be resumed (until sharing starts or stops).
 */
export type SharingStatus = {
  shared: { runId: string; address: string; port: number; scheme: 'http' | 'https'; url: string; fingerprint256: string | null } | null;
  connected: string[];
  notResumed: { runId: string; address: string; port: number; reason: NotResumedReason } | null;
};

/** What the seats' server says of itself at `GET /seat/info` (no token needed): the join page shows the fingerprint. */
export type SeatServerInfo = { scheme: 'http' | 'https'; fingerprint256: string | null };

export const ApiErrorCodeSchema = z.enum([
  'invalid-argument',
  'unknown-method',
  'not-found',
  'conflict',
  'too-large',
  'storage-failed',
  'unauthorized',
  'cancelled',
  'rate-limited',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

/**
 * The one error that crosses the boundary: a stable code, a catalogue key and
 * its parameters, and details (each a message too) — never an English
 * sentence to show and never a stack trace. It is worded where it is shown
 * (`errorTextOf`), in the language of that screen or command line. `message`
 * (for logs and stack traces only) is the English wording.
 *
 * A plain string instead of a message is the rule checks' older form
 * (`storage/scenarios.ts`, `shared/ops.ts`): it travels as a technical detail
 * under the code's own headline, so it is never the main text either.
 */
export class ApiError extends Error {
  readonly key: string;
  readonly params: MessageParams;
  readonly details: Message[];
  constructor(
    readonly code: ApiErrorCode,
    message: Message | string,
    details: readonly (Message | string)[] = [],
  ) {
    const main = typeof message === 'string' ? { key: codeKeyOf(code), params: {} } : message;
    super(typeof message === 'string' ? message : messageTextOf('en', main));
    this.name = 'ApiError';
    this.key = main.key;
    this.params = main.params ?? {};
    const asMessage = (detail: Message | string) => (typeof detail === 'string' ? technicalOf(detail) : detail);
    this.details = [...(typeof message === 'string' ? [message] : []), ...details].slice(0, MAX_ERROR_DETAILS).map(asMessage);
  }

  /** What the envelope carries. */
  get body(): ApiErrorBody {
    return { code: this.code, key: this.key, params: this.params, details: this.details };
  }

  /** The error an envelope describes. */
  static of(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, { key: body.key, params: body.params }, body.details);
  }
}

/** Most details an error carries (the rest are summed up by the caller). */
export const MAX_ERROR_DETAILS = 50;

/** The catalogue's headline for an error code, e.g. `error.code.conflict`. */
export const codeKeyOf = (code: ApiErrorCode): MessageKey => `error.code.${code}`;

const MessageParamSchema: z.ZodType<MessageParam> = z.lazy(() => z.union([z.string(), z.number(), MessageSchema]));
const MessageSchema: z.ZodType<Message> = z.object({ key: z.string().max(200), params: z.record(z.string(), MessageParamSchema).optional() });

export const ApiErrorBodySchema = z.object({
  code: ApiErrorCodeSchema,
  key: z.string().max(200),
  params: z.record(z.string(), MessageParamSchema).default({}),
  details: z.array(MessageSchema).default([]),
});
export type ApiErrorBody = { code: ApiErrorCode; key: string; params: MessageParams; details: Message[] };

/** The envelope each transport carries: a result or an error, so errors keep their code, key and parameters across IPC and HTTP. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** An error envelope. */
export const refusedOf = (code: ApiErrorCode, message: Message, details: Message[] = []): Envelope<never> => ({
  ok: false,
  error: { code, key: message.key, params: message.params ?? {}, details },
});

/**
 * An error worded in a language: the headline, its details, and the
 * technical details (a library's or the system's own words, `errors.technical`,
 * shown folded away), e.g. `{ text: '文件不是有效的演练文件：不是有效的 JSON 文本',
 * details: [], technical: ['Unexpected end of JSON input'] }`. Anything that is not
 * an `ApiError` (or its envelope body) gets the headline of `internal`, its own words as a technical detail.
 */
export function errorTextOf(error: unknown, language: Language): { text: string; details: string[]; technical: string[] } {
  const body = error instanceof ApiError ? error.body : ApiErrorBodySchema.safeParse(error).data;
  if (!body) return { text: messageOf(language, codeKeyOf('internal')), details: [], technical: [error instanceof Error ? error.message : String(error)] };
  const text = messageOf(language, body.key, body.params);
  const worded = (details: Message[]) => details.map((detail) => messageTextOf(language, detail)).filter((detail) => !text.includes(detail));
  const isTechnical = (detail: Message) => detail.key === TECHNICAL_KEY;
  return { text, details: worded(body.details.filter((d) => !isTechnical(d))), technical: worded(body.details.filter(isTechnical)) };
}

const TECHNICAL_KEY = technicalOf('').key;

/** The raw transport the preload exposes: same methods, envelopes instead of thrown errors. */
export type DrillTransport = { [M in ApiMethod]: (arg: ApiInput<M>) => Promise<Envelope<ApiOutputs[M]>> };

/**
 * A zod issue as a catalogue message, e.g. `too_small` on a string →
 * `errors.invalid.empty`. A schema names its own message by giving a
 * catalogue key as its message (`{ message: 'errors.invalid.date' }`) or
 * `params: { key, values }` on a refinement.
 */
export function zodIssueMessageOf(issue: z.core.$ZodIssue): Message {
  const origin = 'origin' in issue ? issue.origin : undefined;
  if (issue.message.startsWith('errors.')) {
    const values = (issue.code === 'custom' ? issue.params?.values : undefined) as MessageParams | undefined;
    const bound: Record<string, number> = 'maximum' in issue ? { max: Number(issue.maximum) } : 'minimum' in issue ? { min: Number(issue.minimum) } : {};
    return { key: issue.message, params: { ...bound, ...values } };
  }
  switch (issue.code) {
    case 'too_small':
      if (origin === 'string') return msg(Number(issue.minimum) <= 1 ? 'errors.invalid.empty' : 'errors.invalid.tooShort', { min: Number(issue.minimum) });
      if (origin === 'array') return msg('errors.invalid.fewItems', { min: Number(issue.minimum) });
      return msg('errors.invalid.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (origin === 'string') return msg('errors.invalid.tooLong', { max: Number(issue.maximum) });
      if (origin === 'array') return msg('errors.invalid.manyItems', { max: Number(issue.maximum) });
      return msg('errors.invalid.max', { max: Number(issue.maximum) });
    case 'invalid_type':
      // zod reports no input by default; its own text says when the field was left out.
      if (/received undefined$/.test(issue.message)) return msg('errors.invalid.missing');
      return msg('errors.invalid.type', { expected: issue.expected });
    case 'invalid_format':
      return msg('errors.invalid.format');
    case 'invalid_value':
      return msg('errors.invalid.oneOf', { values: issue.values.map(String).join(', ').slice(0, 200) });
    case 'unrecognized_keys':
      return msg('errors.invalid.unknownKeys', { keys: issue.keys.join(', ').slice(0, 200) });
    case 'not_multiple_of':
      return msg('errors.invalid.wholeNumber');
    case 'custom': {
      const named = issue.params?.key;
      if (typeof named === 'string') return { key: named, params: (issue.params?.values as MessageParams | undefined) ?? {} };
      return msg('errors.invalid.value');
    }
    default:
      return msg('errors.invalid.value');
  }
}

/** Zod issues as messages naming the field and what is wrong, e.g. `meta.title：不能为空`. */
export function issuesOf(error: z.ZodError): Message[] {
  return error.issues.slice(0, MAX_ERROR_DETAILS).map((issue) => {
    const problem = zodIssueMessageOf(issue);
    const path = issue.path.map(String).join('.');
    return path ? msg('errors.invalid.at', { path, problem }) : problem;
  });
}

/** Builds the `DrillApi` the renderer uses from a transport, turning error envelopes into `ApiError`s. */
export function clientOf(transport: DrillTransport): DrillApi {
  const client = {} as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    client[method] = async (arg: unknown) => {
      const envelope = await (transport[method] as (arg: unknown) => Promise<Envelope<unknown>>)(arg);
      if (envelope.ok) return envelope.value;
      throw ApiError.of(envelope.error);
    };
  }
  return client as unknown as DrillApi;
}
