/**
 * The DrillDesk service: the one implementation of the API contract.
 * Both transports (Electron IPC and browser-mode HTTP) and the command line
 * call it; arguments arrive already parsed by `dispatch`. Every write is one
 * SQLite transaction, committed before the call returns.
 */
import { docxOf, type DocxSource } from './docx';
import { randomUUID } from 'node:crypto';
import { ApiError, type DrillService, type Prefs } from '../../shared/api';
import { layoutOf, needsLayoutOf } from '../../shared/layout';
import { allowedValuesMessageOf, isRatingProblem, placedItemOf, ratingOf, type PlacedItem } from '../../shared/evaluation';
import { AttachmentsInputSchema, base64BytesOf, effectiveEventsOf, type AttachmentInfo, EVALUATION_EVENT_KINDS, NewRunEventSchema, PHOTO_EVENT_KINDS, type RunEvent, type ScenarioBody } from '../../shared/model';
import { runCsvFileNameOf, runCsvTextOf } from '../../shared/runExport';
import { parseScenarioFile, scenarioFileNameOf, scenarioFileTextOf } from '../../shared/scenarioFile';
import { backupDatabase, listBackups, pinBackup } from '../storage/backups';
import type { Db } from '../storage/db';
import * as runs from '../storage/runs';
import * as attachments from '../storage/attachments';
import { imageInfoOf, imageProblemOf, MAX_IMAGES_PER_RECORD, MAX_RUN_IMAGE_BYTES, MAX_SEAT_PHOTO_BYTES } from '../../shared/images';
import * as scenarios from '../storage/scenarios';
import * as seats from '../storage/seats';
import type { PrefsStore } from './prefs';
import { importErrorOf, planImportOf, type PlanFile, type PlanImportContext } from './planImport';
import { MAX_REMEMBERED_MAPPINGS } from '../../shared/api';
import { importedTextOf } from './textFile';
import { evalFormOfFile } from './evalFormImport';
import type { LoadedTemplate } from './templates';
import { xlsxFileNameOf, xlsxOf } from './xlsx';
import { runArchiveOf } from './runArchive';
import { catalogues, msg, type Message } from '../../shared/i18n';
import { eventTimeProblemOf, runSizeProblemOf, STEP_FINISH_KINDS, stepOrderConflictOf, stepOrderProblemOf } from '../../shared/runBounds';
import { duplicatesOf, recordNumbersOf, runStatusAfter } from '../../shared/runState';
import { graphProblemsOf, ruleKeyOf, type GraphProblem } from '../../shared/rules';

/** A rule's finding as a catalogue message, for an error's details. */
const ruleMessageOfProblem = (problem: GraphProblem): Message => ({ key: ruleKeyOf(problem), params: problem.params });

export type ServiceDeps = {
  db: Db;
  dataDir: string;
  templates: readonly LoadedTemplate[];
  prefs: PrefsStore;
  /** The wall clock; tests pass a fixed one. */
  now?: () => Date;
  /** Set when a damaged database was moved aside at start-up. */
  recoveredFrom?: { movedTo: string; reason: string } | null;
  /** Why the sample drills could not be seeded into a new database, when they could not. */
  seedingFailed?: () => Message | null;
  /** Replaces the live database with a backup and reopens it (the storage owner knows how). */
  restoreBackup?: (name: string) => void;
  /** Parses a CSV run log into events; supplied by the run-log import module. */
  runCsv?: (plan: ScenarioBody, csv: string, startedAt?: string, nowMs?: number) => { startedAt: string; events: Omit<RunEvent, 'seq' | 'runId' | 'supersededBy' | 'corrects' | 'recordedAt' | 'seatId' | 'clientId'>[] };
};

export const newId = () => randomUUID();

/** Photos as sent, checked by content: decoded bytes with their type and size; refuses the first that is not a JPEG or PNG within the limits. */
function checkedPhotosOf(inputs: ReturnType<typeof AttachmentsInputSchema.parse> = []) {
  return inputs.map((input, i) => {
    const data = Buffer.from(input.dataBase64, 'base64');
    const problem = imageProblemOf(data);
    if (problem?.key === 'tooLarge') throw new ApiError('too-large', msg('errors.attachment.tooLarge', { mb: problem.mb }));
    if (problem?.key === 'tooManyPixels') throw new ApiError('invalid-argument', msg('errors.attachment.tooManyPixels', { n: i + 1, max: problem.max }));
    const info = imageInfoOf(data);
    if (problem || !info) throw new ApiError('invalid-argument', msg('errors.attachment.notImage', { n: i + 1 }));
    return { ...info, data, caption: input.caption.trim() };
  });
}
type CheckedPhoto = ReturnType<typeof checkedPhotosOf>[number];

/** A body ready to store: laid out left to right when it has no usable positions. */
export function withLayout(body: ScenarioBody): ScenarioBody {
  if (!needsLayoutOf(body.steps)) return body;
  const positions = layoutOf(body);
  return { ...body, steps: body.steps.map((step) => ({ ...step, position: positions.get(step.id) ?? step.position })) };
}

/** A rating checked against its item's form: the stored value, or a refusal naming what the scheme accepts. */
function checkedRatingOf(placed: PlacedItem, raw: string): string {
  const rating = ratingOf(placed.form.scheme, placed.item, raw);
  if (isRatingProblem(rating))
    throw new ApiError(
      'invalid-argument',
      msg('errors.run.ratingDoesNotFit', { value: rating.value, form: placed.form.title, number: placed.number, allowed: allowedValuesMessageOf(placed.form.scheme, placed.item) }),
    );
  return rating.value;
}

function requireIntegrity(body: ScenarioBody) {
  const problems = graphProblemsOf(body);
  if (problems.length > 0)
    throw new ApiError('invalid-argument', msg('errors.scenario.brokenReferences', { count: problems.length }), problems.map(ruleMessageOfProblem));
}

export function createService(deps: ServiceDeps): DrillService {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const iso = () => now().toISOString();
  const tx = <T>(work: () => T): T => db.transaction(work)();

  const insertBody = (body: ScenarioBody, sourceId: string | null) => {
    requireIntegrity(body);
    const id = newId();
    tx(() => scenarios.insertScenario(db, { id, body: withLayout(body), sourceId, now: iso() }));
    return id;
  };
  const summaryOf = (id: string) => {
    const summary = scenarios.getScenarioSummary(db, id);
    if (!summary) throw new ApiError('not-found', msg('errors.scenario.notFound', { id }));
    return summary;
  };
  const bodyOf = (id: string): ScenarioBody => {
    const { id: _id, revision: _revision, createdAt: _createdAt, updatedAt: _updatedAt, sourceId: _sourceId, ...body } =
      scenarios.requireScenario(db, id);
    return body;
  };

  const importContext = (): PlanImportContext => {
    const prefs = deps.prefs.read();
    return {
      language: prefs.language,
      rememberedMapping: (signature) => prefs.importMappings[signature],
      sameTitle: (title) => scenarios.scenarioWithTitle(db, title),
    };
  };
  /** Remembers the mapping confirmed for a header, newest last, keeping the newest 100. */
  const rememberMapping = (signature: string, mapping: PlanFile['mapping']) => {
    if (!mapping || signature === '') return;
    const { [signature]: _old, ...others } = deps.prefs.read().importMappings;
    const kept = Object.entries(others).slice(-(MAX_REMEMBERED_MAPPINGS - 1));
    deps.prefs.write({ importMappings: { ...Object.fromEntries(kept), [signature]: mapping } });
  };

  /** Refuses an event the run cannot take (`runBounds.ts`): one too many, or a time far from the run's. */
  const requireRoomFor = (run: { id: string; startedAt: string }, at: string, adding: number) => {
    const extent = runs.eventExtentOf(db, run.id);
    const tooMany = runSizeProblemOf(extent.count, adding);
    if (tooMany) throw new ApiError('too-large', tooMany);
    const badTime = eventTimeProblemOf(Date.parse(at), { startMs: Date.parse(run.startedAt), nowMs: now().getTime() });
    if (badTime) throw new ApiError('invalid-argument', badTime);
  };
  /**
   * Refuses a step event whose time contradicts the step's other records (a
   * completion before its start, a start after its completion), naming the
   * record by its number in the run; `replacing` is the event a correction supersedes.
   */
  const requireStepOrder = (run: { id: string; plan: ScenarioBody }, candidate: { kind: RunEvent['kind']; stepId: string | null; at: string }, replacing: number | null) => {
    // Only a start or a finish has an order to keep; an observation naming a step reads nothing (it used to read the whole log).
    if (candidate.stepId === null || (candidate.kind !== 'started' && !STEP_FINISH_KINDS.has(candidate.kind))) return;
    const all = runs.eventsOf(db, run.id);
    const others = effectiveEventsOf(all)
      .filter((event) => event.seq !== replacing && event.stepId === candidate.stepId)
      .map((event) => ({ ...event, ms: Date.parse(event.at) }));
    const timed = { ...candidate, ms: Date.parse(candidate.at) };
    const conflict = stepOrderConflictOf(timed, others);
    if (!conflict) return;
    const number = recordNumbersOf(all).get(conflict.seq);
    const step = run.plan.steps.find((s) => s.id === candidate.stepId)?.title ?? candidate.stepId;
    throw new ApiError('invalid-argument', stepOrderProblemOf(timed, conflict, { step, conflict: msg('errors.run.record', { n: number ?? '?' }), zone: run.plan.timeZone }));
  };

  /**
   * Writes a record's photos (numbered from `firstOrd`, after those it holds); call inside the record's transaction.
   * Refuses them when the run would hold more than its cap. Answers what it stored, without the bytes.
   */
  const insertPhotos = (runId: string, owner: { eventSeq: number } | { annotationId: string }, photos: readonly CheckedPhoto[], firstOrd = 0): AttachmentInfo[] => {
    if (photos.length === 0) return [];
    const adding = photos.reduce((sum, photo) => sum + photo.data.length, 0);
    if (attachments.attachmentBytesOf(db, runId) + adding > MAX_RUN_IMAGE_BYTES)
      throw new ApiError('too-large', msg('errors.attachment.runFull', { mb: MAX_RUN_IMAGE_BYTES / 1024 / 1024 }));
    const createdAt = iso();
    return photos.map((photo, i) => {
      const info: AttachmentInfo = {
        id: newId(),
        runId,
        eventSeq: 'eventSeq' in owner ? owner.eventSeq : null,
        annotationId: 'annotationId' in owner ? owner.annotationId : null,
        ord: firstOrd + i,
        mime: photo.mime,
        width: photo.width,
        height: photo.height,
        size: photo.data.length,
        caption: photo.caption,
        createdAt,
      };
      attachments.insertAttachment(db, { ...info, data: photo.data });
      return info;
    });
  };

  const recordEvent = (runId: string, event: ReturnType<typeof NewRunEventSchema.parse>, seatId: string | null = null, photoInputs: ReturnType<typeof AttachmentsInputSchema.parse> = []) => {
    // A resend of an entry already applied (same device id in this run) answers what the first send stored.
    if (event.clientId !== null) {
      const earlier = runs.eventOfClient(db, runId, event.clientId);
      if (earlier) return earlier;
    }
    const run = runs.requireRun(db, runId);
    if (photoInputs.length > 0 && !PHOTO_EVENT_KINDS.includes(event.kind))
      throw new ApiError('invalid-argument', msg('errors.attachment.notOnKind', { kind: msg(`conduct.eventKind.${event.kind}`) }));
    const photos = checkedPhotosOf(photoInputs);
    if (run.status === 'ended' && event.kind !== 'observation' && !EVALUATION_EVENT_KINDS.includes(event.kind))
      throw new ApiError('conflict', msg('errors.run.ended'));
    let { stepId, value } = event;
    if (event.kind === 'evaluation-scored') {
      const placed = placedItemOf(run.plan.evaluation, event.itemId!);
      if (!placed) throw new ApiError('invalid-argument', msg('errors.run.itemNotInPlan', { item: event.itemId ?? '', plan: run.plan.title }));
      value = checkedRatingOf(placed, event.value!);
      if (stepId === null) stepId = placed.item.stepIds[0] ?? null;
    }
    if (stepId !== null && !run.plan.steps.some((step) => step.id === stepId))
      throw new ApiError('invalid-argument', msg('errors.run.stepNotInPlan', { step: stepId }));
    if (event.roleId !== null && !run.plan.roles.some((role) => role.id === event.roleId))
      throw new ApiError('invalid-argument', msg('errors.run.roleNotInPlan', { role: event.roleId }));
    if (event.edgeId !== null) {
      const edge = run.plan.edges.find((e) => e.id === event.edgeId);
      if (!edge || edge.source !== event.stepId)
        throw new ApiError('invalid-argument', msg('errors.run.notABranch', { edge: event.edgeId, step: event.stepId ?? '' }));
    }
    const at = event.at ?? iso();
    return tx(() => {
      requireRoomFor(run, at, 1);
      requireStepOrder(run, { kind: event.kind, stepId, at: new Date(at).toISOString() }, null);
      const stored = runs.insertEvent(db, runId, {
        at: new Date(at).toISOString(),
        kind: event.kind,
        stepId,
        roleId: event.roleId,
        text: event.text,
        rating: event.rating,
        edgeId: event.edgeId,
        shiftMin: event.shiftMin,
        itemId: event.itemId,
        value,
        person: event.person,
        corrects: null,
        recordedAt: iso(),
        seatId,
        clientId: event.clientId,
      });
      const after = runStatusAfter(run, stored);
      if (after !== run) runs.setRunStatus(db, runId, after.status, after.endedAt);
      insertPhotos(runId, { eventSeq: stored.seq }, photos);
      return stored;
    });
  };

  return {
    listScenarios: ({ query }) => scenarios.listScenarios(db, query),
    getScenario: ({ id }) => scenarios.requireScenario(db, id),
    createScenario: ({ meta }) => {
      const id = insertBody({ ...meta, roles: [], steps: [], edges: [], evaluation: { forms: [], assignments: [] } }, null);
      return scenarios.requireScenario(db, id);
    },
    updateScenarioMeta: ({ id, patch }) => {
      tx(() => scenarios.updateMeta(db, id, patch, iso()));
      return scenarios.requireScenario(db, id);
    },
    duplicateScenario: ({ id, title }) => {
      const body = bodyOf(id);
      return summaryOf(insertBody({ ...body, title: title ?? `${body.title}（副本）` }, id));
    },
    deleteScenario: ({ id }) => {
      tx(() => scenarios.deleteScenario(db, id));
      if (deps.prefs.read().lastScenarioId === id) deps.prefs.write({ lastScenarioId: null });
      return { deleted: true };
    },
    applyGraphOps: ({ scenarioId, baseRevision, ops }) =>
      tx(() => scenarios.applyGraphOps(db, { scenarioId, baseRevision, ops, now: iso() })),
    importScenario: (file) => {
      const parsed = parseScenarioFile(importedTextOf(file, 'scenario'));
      if (!parsed.ok) throw new ApiError('invalid-argument', msg('errors.scenario.invalidFile', { reason: parsed.problems[0] }), parsed.problems);
      return summaryOf(insertBody(parsed.value, null));
    },
    exportScenario: ({ id }) => {
      const body = bodyOf(id);
      return { fileName: scenarioFileNameOf(body.title), text: scenarioFileTextOf(body) };
    },
    listTemplates: () => deps.templates.map(({ body: _body, ...template }) => template),
    createFromTemplate: ({ templateId }) => {
      const template = deps.templates.find((t) => t.id === templateId);
      if (!template) throw new ApiError('not-found', msg('errors.scenario.templateNotFound', { id: templateId }));
      return summaryOf(insertBody(template.body, null));
    },

    listRuns: ({ scenarioId }) => runs.listRuns(db, scenarioId),
    getRun: ({ id }) => ({ run: runs.requireRun(db, id), events: runs.eventsOf(db, id) }),
    createRun: ({ scenarioId, name }) => {
      const plan = bodyOf(scenarioId);
      const startedAt = iso();
      return tx(() =>
        runs.insertRun(db, { id: newId(), scenarioId, name, startedAt, endedAt: null, status: 'running', source: 'live', plan }, startedAt),
      );
    },
    recordEvent: ({ runId, event, attachments: photoInputs }, context) => recordEvent(runId, event, context?.seatId ?? null, photoInputs ?? []),
    correctEvent: ({ runId, seq, at, text, value }) => {
      const original = runs.requireEvent(db, runId, seq);
      if (original.supersededBy !== null)
        throw new ApiError('conflict', msg('errors.run.alreadyCorrected', { seq, by: original.supersededBy }));
      if (at === undefined && text === undefined && value === undefined) throw new ApiError('invalid-argument', msg('errors.run.emptyCorrection'));
      if (original.kind === 'voided') throw new ApiError('invalid-argument', msg('errors.run.voidNotCorrected', { seq }));
      const run = runs.requireRun(db, runId);
      let corrected = original.value;
      if (value !== undefined) {
        if (original.kind !== 'evaluation-scored' || original.itemId === null) throw new ApiError('invalid-argument', msg('errors.run.notAScore', { seq }));
        const placed = placedItemOf(run.plan.evaluation, original.itemId);
        if (!placed) throw new ApiError('invalid-argument', msg('errors.run.itemNotInPlan', { item: original.itemId, plan: run.plan.title }));
        corrected = checkedRatingOf(placed, value);
      }
      return tx(() => {
        requireRoomFor(run, at ?? original.at, 1);
        requireStepOrder(run, { kind: original.kind, stepId: original.stepId, at: new Date(at ?? original.at).toISOString() }, seq);
        const stored = runs.insertEvent(db, runId, {
          ...original,
          at: at === undefined ? original.at : new Date(at).toISOString(),
          text: text ?? original.text,
          value: corrected,
          corrects: seq,
          recordedAt: iso(),
          seatId: null,
          clientId: null,
        });
        runs.supersedeEvent(db, seq, stored.seq);
        return { ...stored };
      });
    },
    resolveDuplicate: ({ runId, seq }) => {
      const target = runs.requireEvent(db, runId, seq);
      if (target.supersededBy !== null)
        throw new ApiError('conflict', msg('errors.run.alreadyCorrected', { seq, by: target.supersededBy }));
      const run = runs.requireRun(db, runId);
      const all = runs.eventsOf(db, runId);
      // The one rule for what is a duplicate: the fold's (`applyEvent`).
      const duplicates = duplicatesOf(run.plan, effectiveEventsOf(all), Date.parse(run.startedAt));
      if (!duplicates.has(seq) && ![...duplicates.values()].includes(seq))
        throw new ApiError('conflict', msg('errors.run.notADuplicate', { n: recordNumbersOf(all).get(seq) ?? seq }));
      return tx(() => {
        requireRoomFor(run, target.at, 1);
        // Like a correction, the void stands in the record's place (its time and step) and supersedes it; nothing is deleted.
        const stored = runs.insertEvent(db, runId, {
          at: target.at,
          kind: 'voided',
          stepId: target.stepId,
          roleId: null,
          text: '',
          rating: null,
          edgeId: null,
          shiftMin: null,
          itemId: null,
          value: null,
          person: '',
          corrects: seq,
          recordedAt: iso(),
          seatId: null,
          clientId: null,
        });
        runs.supersedeEvent(db, seq, stored.seq);
        return stored;
      });
    },
    shiftPlan: ({ runId, minutes, reason }) =>
      recordEvent(runId, NewRunEventSchema.parse({ kind: 'plan-shifted', shiftMin: minutes, text: reason })),
    createSeat: ({ runId, seat }) => {
      const run = runs.requireRun(db, runId);
      if (run.status === 'ended') throw new ApiError('conflict', msg('errors.seat.runNotRunning'));
      return tx(() => seats.insertSeat(db, { id: newId(), runId, ...seat }, now()));
    },
    listSeats: ({ runId }) => {
      runs.requireRun(db, runId);
      return seats.seatsOfRun(db, runId);
    },
    revokeSeat: ({ id }) => tx(() => seats.revokeSeat(db, id, now())),
    joinSeat: ({ code }) => {
      const joined = tx(() => seats.joinSeat(db, code, now()));
      if (runs.requireRun(db, joined.seat.runId).status === 'ended') throw new ApiError('unauthorized', msg('errors.seat.runEnded'));
      return joined;
    },
    getMySeat: (_arg, context) => {
      if (!context?.seatId) throw new ApiError('not-found', msg('errors.seat.notASeat'));
      return seats.requireSeat(db, context.seatId);
    },
    updateRunDocFields: ({ id, docFields }) => {
      runs.requireRun(db, id);
      tx(() => runs.setRunDocFields(db, id, docFields));
      return runs.requireRun(db, id);
    },
    deleteRun: ({ id }) => {
      tx(() => runs.deleteRun(db, id));
      return { deleted: true };
    },
    importRunCsv: ({ scenarioId, name, csv, dataBase64 }) => {
      if (!deps.runCsv) throw new ApiError('internal', msg('errors.run.csvUnavailable'));
      const plan = bodyOf(scenarioId);
      const parsed = deps.runCsv(plan, importedTextOf({ text: csv, dataBase64 }, 'csv'), undefined, now().getTime());
      const id = newId();
      tx(() => {
        const lastAt = parsed.events.reduce((last, event) => (event.at > last ? event.at : last), parsed.startedAt);
        runs.insertRun(db, { id, scenarioId, name, startedAt: parsed.startedAt, endedAt: lastAt, status: 'ended', source: 'imported', plan }, iso());
        for (const event of parsed.events) runs.insertEvent(db, id, { ...event, corrects: null, recordedAt: iso() });
      });
      const summary = runs.listRuns(db, scenarioId).find((run) => run.id === id);
      if (!summary) throw new ApiError('internal', msg('errors.run.notReadBack'));
      return summary;
    },
    exportRunCsv: ({ id }) => {
      const run = runs.requireRun(db, id);
      return { fileName: runCsvFileNameOf(run), text: runCsvTextOf(run, runs.eventsOf(db, id)) };
    },
    exportRunArchive: ({ id }) => {
      const run = runs.requireRun(db, id);
      const { fileName, bytes } = runArchiveOf(run, runs.eventsOf(db, id), runs.listAnnotations(db, { runId: id }), attachments.attachmentsOf(db, id));
      return { fileName, base64: bytes.toString('base64') };
    },
    previewPlanImport: async (file) => (await planImportOf(file, importContext())).preview,
    importPlanTable: async ({ ifSameTitle, ...file }) => {
      const context = importContext();
      const { preview, body } = await planImportOf(file, context);
      if (!body) throw importErrorOf(preview);
      if (preview.sameTitle && ifSameTitle !== 'copy') throw new ApiError('conflict', msg('scriptImport.issue.sameTitle', { title: preview.sameTitle.title }));
      const title = preview.sameTitle ? `${body.title}${catalogues[context.language].scriptImport.generated.copySuffix}`.slice(0, 200) : body.title;
      const id = insertBody({ ...body, title }, null);
      rememberMapping(preview.signature, file.mapping);
      return summaryOf(id);
    },
    importEvalForm: async (file) => ({ form: await evalFormOfFile(file, deps.prefs.read().language) }),

    listAnnotations: (filter) => runs.listAnnotations(db, filter),
    setRunParticipants: ({ runId, participants }) => {
      tx(() => runs.setRunParticipants(db, runId, participants));
      return runs.requireRun(db, runId);
    },
    addAnnotation: ({ runId, fields, attachments: photoInputs }) => {
      runs.requireRun(db, runId);
      const photos = checkedPhotosOf(photoInputs);
      return tx(() => {
        const annotation = runs.insertAnnotation(db, { ...fields, id: newId(), runId, createdAt: iso() });
        insertPhotos(runId, { annotationId: annotation.id }, photos);
        return annotation;
      });
    },
    listAttachments: ({ runId }) => {
      runs.requireRun(db, runId);
      return attachments.attachmentsOf(db, runId);
    },
    attachPhoto: ({ runId, clientId, photo }, context) => {
      const seatId = context?.seatId ?? null;
      runs.requireRun(db, runId);
      const event = runs.eventOfClient(db, runId, clientId);
      if (!event) throw new ApiError('not-found', msg('errors.attachment.entryNotFound'));
      // A seat adds photos to what it recorded itself, never to another seat's entries or the host's.
      if (seatId !== null && event.seatId !== seatId) throw new ApiError('unauthorized', msg('errors.seat.notOwnEntry'));
      if (!PHOTO_EVENT_KINDS.includes(event.kind)) throw new ApiError('invalid-argument', msg('errors.attachment.notOnKind', { kind: msg(`conduct.eventKind.${event.kind}`) }));
      // A seat's photo is down-scaled on its device; one larger than that is refused before its bytes are read.
      if (seatId !== null && base64BytesOf(photo.dataBase64) > MAX_SEAT_PHOTO_BYTES)
        throw new ApiError('too-large', msg('errors.attachment.tooLarge', { mb: MAX_SEAT_PHOTO_BYTES / 1024 / 1024 }));
      const [checked] = checkedPhotosOf([photo]);
      return tx(() => {
        const same = attachments.sameAttachmentOfEvent(db, event.seq, checked!.data);
        if (same) {
          const { dataBase64: _bytes, ...info } = same;
          return info;
        }
        const held = attachments.attachmentCountOfEvent(db, event.seq);
        if (held >= MAX_IMAGES_PER_RECORD) throw new ApiError('too-large', msg('errors.attachment.tooManyOnRecord', { max: MAX_IMAGES_PER_RECORD }));
        return insertPhotos(runId, { eventSeq: event.seq }, [checked!], held)[0]!;
      });
    },
    updateAnnotation: ({ id, patch }) => {
      const annotation = { ...runs.requireAnnotation(db, id), ...patch };
      tx(() => runs.updateAnnotation(db, annotation));
      return annotation;
    },
    deleteAnnotation: ({ id }) => {
      tx(() => runs.deleteAnnotation(db, id));
      return { deleted: true };
    },

    listFragments: () => runs.listFragments(db),
    saveFragment: ({ name, body }) => {
      const problems = graphProblemsOf({ ...body, objectives: [] }).filter((p) => p.code !== 'step-objective-missing');
      if (problems.length > 0)
        throw new ApiError('invalid-argument', msg('errors.scenario.fragmentBroken'), problems.map(ruleMessageOfProblem));
      return tx(() => runs.insertFragment(db, { id: newId(), name, body, createdAt: iso() }));
    },
    deleteFragment: ({ id }) => {
      tx(() => runs.deleteFragment(db, id));
      return { deleted: true };
    },

    exportXlsx: async ({ scenarioId, document, language, formId }) => {
      const scenario = scenarios.requireScenario(db, scenarioId);
      const bytes = await xlsxOf(scenario, document, language, formId);
      const formTitle = scenario.evaluation.forms.find((form) => formId === undefined || form.id === formId)?.title ?? '';
      return { fileName: xlsxFileNameOf(scenario.title, document, language, formTitle), base64: bytes.toString('base64') };
    },

    exportDocx: async ({ document, scenarioId, runId, roleIds, formId, a5, language }) => {
      const source: DocxSource =
        runId !== undefined
          ? { kind: 'run', run: runs.requireRun(db, runId), events: runs.eventsOf(db, runId), annotations: runs.listAnnotations(db, { runId }), attachments: attachments.attachmentsOf(db, runId), seatNames: Object.fromEntries(seats.seatsOfRun(db, runId).map((seat) => [seat.id, seat.name])) }
          : { kind: 'scenario', body: scenarios.requireScenario(db, scenarioId!), roleIds, formId, a5 };
      const { fileName, bytes } = await docxOf(document, source, language);
      return { fileName, base64: bytes.toString('base64') };
    },

    getPrefs: () => deps.prefs.read(),
    setPrefs: ({ patch }) => deps.prefs.write(patch as Partial<Prefs>),

    listBackups: () => listBackups(deps.dataDir).reverse(),
    createBackup: () => backupDatabase(db, deps.dataDir, { reason: 'manual', keep: deps.prefs.read().backupsToKeep, now: now() }),
    restoreBackup: ({ name }) => {
      if (!deps.restoreBackup) throw new ApiError('internal', msg('errors.backup.restoreUnavailable'));
      if (!listBackups(deps.dataDir).some((backup) => backup.name === name)) throw new ApiError('not-found', msg('errors.backup.notFound', { name }));
      deps.restoreBackup(name);
      return { restored: true };
    },
    pinBackup: ({ name, pinned }) => {
      if (!listBackups(deps.dataDir).some((backup) => backup.name === name)) throw new ApiError('not-found', msg('errors.backup.notFound', { name }));
      return pinBackup(deps.dataDir, name, pinned);
    },
    storageStatus: () => ({
      dataDir: deps.dataDir,
      recoveredFrom: deps.recoveredFrom ?? null,
      seedingFailed: deps.seedingFailed?.() ?? null,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    }),
  };
}
