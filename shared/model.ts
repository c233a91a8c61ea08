/**
 * The drill domain model: zod schemas and the types inferred from them.
 *
 * A scenario is a directed graph of steps (injects, actions, decisions,
 * milestones) owned by roles, with timed edges between them. A run is one
 * execution of a scenario; its events are what the control team recorded.
 * Everything here is plain data, shared by the back end and the renderer.
 */
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time';
import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_RECORD, MAX_RECORD_IMAGE_BYTES, type ImageMime } from './images';

/** Longest free text we accept in any one field (a long dialogue paragraph fits easily). */
export const MAX_TEXT = 20_000;
/** Longest single-line name or title. */
export const MAX_NAME = 200;
/** Longest 情景时间 of a step (6月18日 06:00, 灾后第3天上午). */
export const MAX_SCENARIO_TIME = 40;
/** Planned durations and lags are capped at 7 days: beyond that a drill is not a drill. */
export const MAX_MINUTES = 7 * 24 * 60;

/** Rejects control characters (other than tab and newlines) and lone UTF-16 surrogates. */
function cleanText(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value)) return false;
  return value.isWellFormed();
}

const text = (max = MAX_TEXT) =>
  z.string().max(max).refine(cleanText, { message: 'errors.invalid.characters' });

export const nameText = () => text(MAX_NAME).trim().min(1, { message: 'errors.invalid.empty' });
export const freeText = () => text(MAX_TEXT);

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T extends z.ZodPrefault<infer Inner> ? Inner : T;
type PatchShape<Shape extends z.ZodRawShape> = { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> };

/**
 * The schema of a patch of an object's fields: each field optional and
 * without its default or prefault, so a patch changes only the fields it names. zod 4's
 * `.partial()` keeps defaults, so `{ title }` would come out with every other
 * field reset (a step's description, roles and duration wiped).
 */
export function patchSchemaOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>): z.ZodObject<PatchShape<Shape>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][])
    shape[key] = (field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? (field.unwrap() as z.ZodType) : field).optional();
  return z.strictObject(shape) as unknown as z.ZodObject<PatchShape<Shape>, z.core.$strict>;
}

/**
 * Messages of the schemas below name catalogue keys (`errors.invalid.*`):
 * `zodIssueMessageOf` words them wherever a parse is refused.
 */

/** Ids are short opaque strings: letters, digits, dash and underscore. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'errors.invalid.id' });
export type Id = z.infer<typeof IdSchema>;

export const MinutesSchema = z
  .number()
  .finite()
  .min(0, { message: 'errors.invalid.negative' })
  .max(MAX_MINUTES, { message: 'errors.invalid.maxMinutes' });

/** A drill date, `YYYY-MM-DD`. */
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'errors.invalid.date' });
/** A clock time of day, `HH:MM` (24 h). */
export const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'errors.invalid.clock' });
/**
 * A drill's time zone, an IANA name (`Asia/Shanghai`): every clock time of
 * the drill is shown, printed and read in it (see `shared/time.ts`).
 */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'errors.invalid.timeZone' });
/** An instant, ISO 8601 with a zone (what `Date.prototype.toISOString` writes). */
export const InstantSchema = z.iso.datetime({ offset: true });

/** Strict like every object of the contract: an unknown key (`__proto__`, `constructor` included) is refused, not dropped. */
export const PositionSchema = z.strictObject({
  x: z.number().finite().min(-1e7).max(1e7),
  y: z.number().finite().min(-1e7).max(1e7),
});
export type Position = z.infer<typeof PositionSchema>;

export const ObjectiveSchema = z.strictObject({
  id: IdSchema,
  text: text(2_000).trim().min(1, { message: 'errors.invalid.empty' }),
});
export type Objective = z.infer<typeof ObjectiveSchema>;

/** The five kinds of drill participant (参演 / 控制 / 模拟 / 评估 / 观摩; AQ/T 9009 says 评估人员). */
export const ParticipantCategorySchema = z.enum(['player', 'controller', 'simulator', 'evaluator', 'observer']);
export type ParticipantCategory = z.infer<typeof ParticipantCategorySchema>;
export const PARTICIPANT_CATEGORIES = ParticipantCategorySchema.options;

export const PersonSchema = z.strictObject({
  name: nameText(),
  unit: text(MAX_NAME).default(''),
  phone: text(64).default(''),
  callSign: text(64).default(''),
});
export type Person = z.infer<typeof PersonSchema>;

export const ColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'errors.invalid.color' });

export const RoleSchema = z.strictObject({
  id: IdSchema,
  name: nameText(),
  group: text(MAX_NAME).default(''),
  category: ParticipantCategorySchema.default('player'),
  color: ColorSchema.default('#64748b'),
  responsibilities: freeText().default(''),
  reportsTo: IdSchema.nullable().default(null),
  people: z.array(PersonSchema).max(500).default([]),
  /** 标识: how the role's people are recognised on site, e.g. 红色袖标, 橙色反光背心; '' when none. */
  mark: text(MAX_NAME).default(''),
  /** 集合地点 and 集合时间: where and when the role's people gather before the drill (free text: 07:30, 演练前30分钟). */
  assemblyPlace: text(MAX_NAME).default(''),
  assemblyTime: text(40).default(''),
  /** 首次到位 as entered (time as free text, place); '' means the default: the first task, or the drill start for controllers and evaluators. */
  inPlaceTime: text(40).default(''),
  inPlaceLocation: text(MAX_NAME).default(''),
  /** A/B 角: the backup holder (B 角) who stands in for the role's first person (A 角); '' when none. */
  backup: text(MAX_NAME).default(''),
});
export type Role = z.infer<typeof RoleSchema>;

/** The role fields the roster prints beyond the people, all free text with '' for none. */
export const ROLE_ROSTER_FIELDS = ['mark', 'assemblyPlace', 'assemblyTime', 'inPlaceTime', 'inPlaceLocation', 'backup'] as const;
/** Those fields empty, for code that builds roles. */
export const EMPTY_ROSTER_FIELDS: Pick<Role, (typeof ROLE_ROSTER_FIELDS)[number]> = { mark: '', assemblyPlace: '', assemblyTime: '', inPlaceTime: '', inPlaceLocation: '', backup: '' };

export const StepKindSchema = z.enum(['inject', 'action', 'decision', 'milestone']);
export type StepKind = z.infer<typeof StepKindSchema>;
export const STEP_KINDS = StepKindSchema.options;

/**
 * The text fields of a step that may be marked controller-only (仅导调可见):
 * the players' version of the role sheets leaves a marked text out, so a
 * card does not give the scenario away (what the barrel water is, where the
 * pollution comes from).
 */
export const StepTextFieldSchema = z.enum(['description', 'dialogue', 'expectedResult', 'resources', 'notes', 'question']);
export type StepTextField = z.infer<typeof StepTextFieldSchema>;
export const STEP_TEXT_FIELDS = StepTextFieldSchema.options;
const STEP_TEXT_FIELDS_MAX = STEP_TEXT_FIELDS.length;

/** Fields every step has, whatever its kind. */
const stepCommon = {
  id: IdSchema,
  title: nameText(),
  description: freeText().default(''),
  roleIds: z.array(IdSchema).max(100).default([]),
  dialogue: freeText().default(''),
  location: text(MAX_NAME).default(''),
  durationMin: MinutesSchema.nullable().default(null),
  resources: freeText().default(''),
  expectedResult: freeText().default(''),
  objectiveIds: z.array(IdSchema).max(100).default([]),
  notes: freeText().default(''),
  /**
   * 情景时间: when the step happens in the drill's story, where the drill compresses time (two hours of drill for three
   * days of flood), as written: 6月18日 06:00, 第2天 08:00, 灾后第3天; '' when the story runs on the drill's clock.
   */
  scenarioTime: text(MAX_SCENARIO_TIME).default(''),
  /** The phase (阶段/科目) the step belongs to, e.g. 第一阶段 预警与响应; '' when none. Steps of one phase share it by name. */
  phase: text(MAX_NAME).default(''),
  /** The text fields only the control side sees (仅导调可见); absent in older files: none. */
  controllerOnly: z.array(StepTextFieldSchema).max(STEP_TEXT_FIELDS_MAX).default([]),
  position: PositionSchema.default({ x: 0, y: 0 }),
};

/** 情景注入: an event the control team delivers to the players. */
export const InjectStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('inject'),
  /** How it is delivered: phone call, document, radio, video, on-site simulation. */
  deliveryMethod: text(MAX_NAME).default(''),
});
/** 处置动作: something players do. */
export const ActionStepSchema = z.strictObject({ ...stepCommon, kind: z.literal('action') });
/** 决策点: a choice whose outgoing conditional edges are the alternatives. */
export const DecisionStepSchema = z.strictObject({
  ...stepCommon,
  kind: z.literal('decision'),
  question: freeText().default(''),
});
/** 里程碑: a checkpoint with no work of its own (duration usually 0). */
export const MilestoneStepSchema = z.strictObject({ ...stepCommon, kind: z.literal('milestone') });

export const StepSchema = z.discriminatedUnion('kind', [
  InjectStepSchema,
  ActionStepSchema,
  DecisionStepSchema,
  MilestoneStepSchema,
]);
export type Step = z.infer<typeof StepSchema>;
export type InjectStep = z.infer<typeof InjectStepSchema>;
export type DecisionStep = z.infer<typeof DecisionStepSchema>;

export const EdgeKindSchema = z.enum(['sequence', 'conditional']);
export type EdgeKind = z.infer<typeof EdgeKindSchema>;

export const EdgeSchema = z.strictObject({
  id: IdSchema,
  source: IdSchema,
  target: IdSchema,
  kind: EdgeKindSchema.default('sequence'),
  /** The condition of a conditional edge, e.g. 水位超警戒. */
  label: text(MAX_NAME).default(''),
  /** Minutes between the source finishing and the target being able to start. */
  lagMin: MinutesSchema.default(0),
});
export type Edge = z.infer<typeof EdgeSchema>;

/**
 * The fields an official document carries at its head and foot (GB/T 9704
 * practice): the issuing unit (编制单位, for a report 报告单位), who drafted,
 * reviewed and signed it off (编制 / 审核 / 签发), its version and date, its
 * classification mark (密级, e.g. 内部资料 注意保存), and, for a report sent up
 * the line, its main and copy recipients (主送 / 抄送) and the signature
 * (落款). One shape for a scenario's documents and a run's summary report:
 * a run's fields override the scenario's field by field (`docFieldsOf`).
 * Every field is optional; '' (or null for the date) means not set.
 */
export const DocFieldsSchema = z.strictObject({
  unit: text(MAX_NAME).default(''),
  drafter: text(MAX_NAME).default(''),
  reviewer: text(MAX_NAME).default(''),
  approver: text(MAX_NAME).default(''),
  version: text(40).default(''),
  date: DateSchema.nullable().default(null),
  classification: text(MAX_NAME).default(''),
  recipients: text(1000).default(''),
  copyTo: text(1000).default(''),
  signOff: text(MAX_NAME).default(''),
});
export type DocFields = z.infer<typeof DocFieldsSchema>;
export const EMPTY_DOC_FIELDS: DocFields = DocFieldsSchema.parse({});

/**
 * What the drill office writes for the documents around the script (演练工作方案,
 * 演练通知, 观摩手册): the basis (standards and plans), the safety (安全保障) and
 * support (物资、通讯、后勤) arrangements, the preparation timetable, the
 * reporting point (报到地点) and contact (联系人及电话) of the notice, and the
 * viewing positions and notes for observers. Free text, '' when not written.
 */
export const DrillArrangementsSchema = z.strictObject({
  basis: freeText().default(''),
  safety: freeText().default(''),
  support: freeText().default(''),
  preparation: freeText().default(''),
  reportingPoint: text(1000).default(''),
  contact: text(1000).default(''),
  viewing: freeText().default(''),
});
export type DrillArrangements = z.infer<typeof DrillArrangementsSchema>;
export const EMPTY_ARRANGEMENTS: DrillArrangements = DrillArrangementsSchema.parse({});

/** Scenario metadata: everything but the graph. */
export const ScenarioMetaSchema = z.strictObject({
  title: nameText(),
  titleEn: text(MAX_NAME).default(''),
  summaryEn: freeText().default(''),
  description: freeText().default(''),
  drillDate: DateSchema.nullable().default(null),
  startTime: ClockSchema.nullable().default(null),
  timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
  location: text(MAX_NAME).default(''),
  organiser: text(MAX_NAME).default(''),
  objectives: z.array(ObjectiveSchema).max(200).default([]),
  /** The document head and foot fields of the scenario's documents (optional in files). */
  docFields: DocFieldsSchema.prefault({}),
  /** The texts of the drill plan, notice and observer handbook (optional in files). */
  arrangements: DrillArrangementsSchema.prefault({}),
});
export type ScenarioMeta = z.infer<typeof ScenarioMetaSchema>;

// ---------------------------------------------------------------------------
// Evaluation plan (演练评估): forms of sections of items, and who evaluates what.
// The totals, pass rules and the objective rule live in `evaluation.ts`.

/** How a form is scored: 达到/基本达到/未达到/不适用; points 0–N per item with weights; HSEEP ratings P/S/M/U. */
export const EvalSchemeSchema = z.enum(['checklist', 'points', 'hseep']);
export type EvalScheme = z.infer<typeof EvalSchemeSchema>;
export const EVAL_SCHEMES = EvalSchemeSchema.options;

/** Most points one item may be worth. */
export const MAX_ITEM_POINTS = 1_000;

/** One item of a form (评估内容 with its criterion 评估标准), linked to what it evaluates. */
export const EvalItemSchema = z.strictObject({
  id: IdSchema,
  /** 评估内容: what is looked at. */
  content: text(2_000).trim().min(1, { message: 'errors.invalid.empty' }),
  /** 评估标准: what counts as done well. */
  criterion: text(2_000).default(''),
  /** Optional guidance for the evaluator: how to observe, what evidence to collect. */
  guidance: text(2_000).default(''),
  objectiveIds: z.array(IdSchema).max(100).default([]),
  stepIds: z.array(IdSchema).max(200).default([]),
  /** Where it is observed (a site or sub-venue, e.g. 县第一自来水厂); empty when anywhere. */
  site: text(MAX_NAME).default(''),
  /** Points scheme: the most this item can score, and its weight in the total. */
  maxPoints: z.number().finite().min(1).max(MAX_ITEM_POINTS).default(10),
  weight: z.number().finite().min(0).max(100).default(1),
  /** A critical task (关键项): rated at the failing grade, the form fails whatever its total. */
  critical: z.boolean().default(false),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

export const EvalSectionSchema = z.strictObject({
  id: IdSchema,
  title: nameText(),
  items: z.array(EvalItemSchema).max(500).default([]),
});
export type EvalSection = z.infer<typeof EvalSectionSchema>;

export const EvalFormSchema = z.strictObject({
  id: IdSchema,
  title: nameText(),
  description: freeText().default(''),
  scheme: EvalSchemeSchema.default('checklist'),
  /** The share of the applicable maximum a form needs to pass, in percent. */
  passPercent: z.number().finite().min(0).max(100).default(80),
  sections: z.array(EvalSectionSchema).max(100).default([]),
});
export type EvalForm = z.infer<typeof EvalFormSchema>;

/**
 * Who evaluates what: an evaluator role (or one person of it) covers forms,
 * optionally narrowed to some of their sections and to some sites. The lead
 * (评估组长) gives the on-the-spot comments (现场点评).
 */
export const EvalAssignmentSchema = z.strictObject({
  id: IdSchema,
  roleId: IdSchema,
  /** A person of the role by name; empty for the whole role. */
  person: text(MAX_NAME).default(''),
  formIds: z.array(IdSchema).max(50).default([]),
  /** Sections of those forms; empty for every section. */
  sectionIds: z.array(IdSchema).max(500).default([]),
  /** Sites covered; empty for every site. */
  sites: z.array(text(MAX_NAME)).max(50).default([]),
  lead: z.boolean().default(false),
});
export type EvalAssignment = z.infer<typeof EvalAssignmentSchema>;

export const EvaluationPlanSchema = z.strictObject({
  forms: z.array(EvalFormSchema).max(50).default([]),
  assignments: z.array(EvalAssignmentSchema).max(500).default([]),
});
export type EvaluationPlan = z.infer<typeof EvaluationPlanSchema>;
export const EMPTY_EVALUATION: EvaluationPlan = { forms: [], assignments: [] };

export const MAX_STEPS = 20_000;
export const MAX_EDGES = 60_000;
export const MAX_ROLES = 500;

/** The graph part of a scenario. Referential checks are rules: `graphProblemsOf` in `rules.ts`. */
export const ScenarioBodySchema = z.strictObject({
  ...ScenarioMetaSchema.shape,
  roles: z.array(RoleSchema).max(MAX_ROLES).default([]),
  steps: z.array(StepSchema).max(MAX_STEPS).default([]),
  edges: z.array(EdgeSchema).max(MAX_EDGES).default([]),
  evaluation: EvaluationPlanSchema.default({ forms: [], assignments: [] }),
});
export type ScenarioBody = z.infer<typeof ScenarioBodySchema>;

/** A stored scenario: the body plus identity and bookkeeping. */
export type Scenario = ScenarioBody & {
  id: Id;
  /** Incremented by every committed edit. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** The scenario or template this one was copied from, if any. */
  sourceId: string | null;
};

export type ScenarioSummary = Pick<
  Scenario,
  'id' | 'title' | 'titleEn' | 'drillDate' | 'timeZone' | 'location' | 'revision' | 'updatedAt' | 'createdAt' | 'sourceId'
> & { stepCount: number; roleCount: number; runCount: number };

/** An evaluation item as messages name it: its content, shortened. */
export const evalItemLabelOf = (item: Pick<EvalItem, 'content'>) => (item.content.length > 40 ? `${item.content.slice(0, 39)}…` : item.content);

// ---------------------------------------------------------------------------
// Runs

export const RunStatusSchema = z.enum(['running', 'paused', 'ended']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunSourceSchema = z.enum(['live', 'imported']);

export type Run = {
  id: Id;
  scenarioId: Id;
  name: string;
  /** The real clock time the run began (T0 of the run). */
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  source: z.infer<typeof RunSourceSchema>;
  /** The scenario as it was when the run began: the plan the run is compared against. */
  plan: ScenarioBody;
  createdAt: string;
  /** People who took part, as entered for the report; null (or absent): counted from the roster. */
  participants?: number | null;
  /** The run's own document fields for its summary report (报告单位, 主送, 抄送, 落款 …), over the plan's. */
  docFields: DocFields;
};

/** A run as lists show it: its plan left out but for its title and its zone (the run's times are shown in it). */
export type RunSummary = Omit<Run, 'plan' | 'docFields'> & { eventCount: number; scenarioTitle: string; timeZone: string };

export const RunEventKindSchema = z.enum([
  'inject-delivered',
  'started',
  'completed',
  'skipped',
  'branch-taken',
  'observation',
  'paused',
  'resumed',
  'ended',
  'plan-shifted',
  'evaluation-scored',
  'hot-wash',
  /** A record voided by the controller (a duplicate resolved): `corrects` names it; written only by `resolveDuplicate`, never recorded directly. */
  'voided',
]);
export type RunEventKind = z.infer<typeof RunEventKindSchema>;
export const RUN_EVENT_KINDS = RunEventKindSchema.options;

/** Event kinds that must name a step. */
export const STEP_EVENT_KINDS: readonly RunEventKind[] = ['inject-delivered', 'started', 'completed', 'skipped', 'branch-taken'];

/** Evaluation entries: a score of one item, and an on-the-spot comment (现场点评). They may be added after the run ended. */
export const EVALUATION_EVENT_KINDS: readonly RunEventKind[] = ['evaluation-scored', 'hot-wash'];

/** A rating as recorded: a checklist grade, an HSEEP letter, or points as a decimal number. Checked against the form's scheme. */
export const EvalValueSchema = z.string().trim().min(1).max(16);

export const RatingSchema = z.number().int().min(1).max(5);

/** A recording device's own id for one entry (a seat's page makes 32 hex digits). */
export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'errors.invalid.clientId' });

/** What a client sends to record one event. `at` defaults to the server's clock. */
export const NewRunEventSchema = z
  .strictObject({
    kind: RunEventKindSchema,
    at: InstantSchema.optional(),
    stepId: IdSchema.nullable().default(null),
    roleId: IdSchema.nullable().default(null),
    text: freeText().default(''),
    rating: RatingSchema.nullable().default(null),
    /** For `branch-taken`: the conditional edge followed. */
    edgeId: IdSchema.nullable().default(null),
    /** For `plan-shifted`: minutes added to every step not yet started. */
    shiftMin: z.number().finite().min(-MAX_MINUTES).max(MAX_MINUTES).nullable().default(null),
    /** For `evaluation-scored`: the item rated and the rating. */
    itemId: IdSchema.nullable().default(null),
    value: EvalValueSchema.nullable().default(null),
    /** Who recorded it, by name, when a person of the role did (an evaluator of a team). */
    person: text(MAX_NAME).default(''),
    /** The recording device's own id for this entry, unique per run: a resend of the same id is applied once. */
    clientId: ClientIdSchema.nullable().default(null),
  })
  .superRefine((event, ctx) => {
    if (event.kind === 'evaluation-scored' && event.itemId === null)
      ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'errors.invalid.itemOfScore' });
    if (event.kind === 'evaluation-scored' && event.value === null)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'errors.invalid.ratingOfScore' });
    if (event.kind === 'hot-wash' && event.text.trim() === '')
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'errors.invalid.textOfHotWash' });
    if (event.kind !== 'evaluation-scored' && (event.itemId !== null || event.value !== null))
      ctx.addIssue({ code: 'custom', path: ['itemId'], message: 'errors.invalid.itemOnlyForScore' });
    if (STEP_EVENT_KINDS.includes(event.kind) && event.stepId === null)
      ctx.addIssue({ code: 'custom', path: ['stepId'], message: 'errors.invalid.stepOfEvent', params: { values: { kind: event.kind } } });
    if (event.kind === 'branch-taken' && event.edgeId === null)
      ctx.addIssue({ code: 'custom', path: ['edgeId'], message: 'errors.invalid.edgeOfBranch' });
    if (event.kind === 'voided') ctx.addIssue({ code: 'custom', path: ['kind'], message: 'errors.invalid.voidedOnlyByResolving' });
    if (event.kind === 'plan-shifted' && event.shiftMin === null)
      ctx.addIssue({ code: 'custom', path: ['shiftMin'], message: 'errors.invalid.minutesOfShift' });
  });
export type NewRunEvent = z.input<typeof NewRunEventSchema>;

export type RunEvent = {
  /** Increasing in the order events were recorded. */
  seq: number;
  runId: Id;
  at: string;
  kind: RunEventKind;
  stepId: Id | null;
  roleId: Id | null;
  text: string;
  rating: number | null;
  edgeId: Id | null;
  shiftMin: number | null;
  /** For `evaluation-scored`: the item and its rating (see `EvalValueSchema`). */
  itemId: Id | null;
  value: string | null;
  /** The person of the role who recorded it, or ''. */
  person: string;
  /** When this event corrects an earlier one, that event's seq. */
  corrects: number | null;
  /** When a later correction replaced this event, the correction's seq. */
  supersededBy: number | null;
  recordedAt: string;
  /** The seat (联网导调) that recorded it; null when the host did. */
  seatId: Id | null;
  /** The recording device's id for it (see `NewRunEventSchema`), or null. */
  clientId: string | null;
};

/**
 * Events that still count: corrections applied, superseded originals
 * dropped, voids dropped too (a void only takes away the record it
 * supersedes), ordered by time.
 */
export function effectiveEventsOf(events: readonly RunEvent[]): RunEvent[] {
  return events
    .filter((event) => event.supersededBy === null && event.kind !== 'voided')
    .sort((a, b) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1));
}

// ---------------------------------------------------------------------------
// Debrief annotations

export const AnnotationKindSchema = z.enum(['went-well', 'went-wrong', 'improvement', 'note']);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

export const AnnotationFieldsSchema = z.strictObject({
  at: InstantSchema,
  stepId: IdSchema.nullable().default(null),
  kind: AnnotationKindSchema.default('note'),
  text: freeText().refine((value) => value.trim().length > 0, { message: 'errors.invalid.empty' }),
  ownerRoleId: IdSchema.nullable().default(null),
  dueDate: DateSchema.nullable().default(null),
  done: z.boolean().default(false),
  /** For an improvement action: the responsible unit (责任单位) as entered; null: the owner role's unit. */
  unit: text(MAX_NAME).nullable().default(null),
});

export type Annotation = z.infer<typeof AnnotationFieldsSchema> & {
  id: Id;
  runId: Id;
  createdAt: string;
};

// ---------------------------------------------------------------------------
// Photos attached to records (observations, debrief notes, evaluation entries)

/** Event kinds that may carry photos: observations and evaluation entries. */
export const PHOTO_EVENT_KINDS: readonly RunEventKind[] = ['observation', 'evaluation-scored', 'hot-wash'];

/** One photo as a client sends it with its record: the image's bytes (base64, at most `MAX_IMAGE_BYTES`) and a caption. */
export const AttachmentInputSchema = z.strictObject({
  dataBase64: z
    .string()
    .refine((value) => value.length <= Math.ceil(MAX_IMAGE_BYTES / 3) * 4, {
      params: { key: 'errors.attachment.tooLarge', values: { mb: MAX_IMAGE_BYTES / 1024 / 1024 } },
      abort: true,
    })
    .refine((value) => /^[A-Za-z0-9+/]*={0,2}$/.test(value), { params: { key: 'errors.file.notBase64' } }),
  caption: text(MAX_NAME).default(''),
});
export type AttachmentInput = z.input<typeof AttachmentInputSchema>;
/** How many bytes a base64 text decodes to, its padding counted: `'AAA='` → 2. */
export const base64BytesOf = (base64: string) => Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
/** The photos sent with one record: at most `MAX_IMAGES_PER_RECORD`, at most `MAX_RECORD_IMAGE_BYTES` together. */
export const AttachmentsInputSchema = z
  .array(AttachmentInputSchema)
  .max(MAX_IMAGES_PER_RECORD)
  .refine((photos) => photos.reduce((sum, photo) => sum + base64BytesOf(photo.dataBase64), 0) <= MAX_RECORD_IMAGE_BYTES, {
    params: { key: 'errors.attachment.recordTooLarge', values: { mb: MAX_RECORD_IMAGE_BYTES / 1024 / 1024 } },
  });

/** A stored photo without its bytes: what adding one answers. */
export type AttachmentInfo = Omit<Attachment, 'dataBase64'>;

/** A stored photo: which run and record it belongs to (an event by seq, or an annotation by id), its checked type and size, its bytes. */
export type Attachment = {
  id: Id;
  runId: Id;
  eventSeq: number | null;
  annotationId: Id | null;
  /** Its place among its record's photos, from 0. */
  ord: number;
  mime: ImageMime;
  width: number;
  height: number;
  /** Bytes of the image. */
  size: number;
  caption: string;
  createdAt: string;
  dataBase64: string;
};

// ---------------------------------------------------------------------------
// Fragments: reusable pieces of graph

export const FragmentBodySchema = z.strictObject({
  roles: z.array(RoleSchema).max(MAX_ROLES),
  steps: z.array(StepSchema).min(1).max(MAX_STEPS),
  edges: z.array(EdgeSchema).max(MAX_EDGES),
});
export type FragmentBody = z.infer<typeof FragmentBodySchema>;

export type Fragment = { id: Id; name: string; body: FragmentBody; createdAt: string };
