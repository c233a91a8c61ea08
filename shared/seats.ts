/**
 * Seats (联网导调): the devices that join a live run over the local network —
 * field controllers, evaluators, the big screen, observers. What a seat is,
 * what each kind may call and on what, and which network addresses may host.
 * Pure: the back end's dispatcher and the host panel both read it.
 */
import { z } from 'zod';
import type { ApiMethod } from './api';
import { msg, type Message } from './i18n';
import { IdSchema, nameText, type RunEventKind, type ScenarioBody } from './model';

export const SEAT_KINDS = ['field-controller', 'evaluator', 'big-screen', 'observer'] as const;
export const SeatKindSchema = z.enum(SEAT_KINDS);
export type SeatKind = z.infer<typeof SeatKindSchema>;

/** What a seat may touch: steps of these roles or at these sites (field controller), items of these forms (evaluator). */
export const SeatScopeSchema = z.strictObject({
  roleIds: z.array(IdSchema).max(200).default([]),
  sites: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  formIds: z.array(IdSchema).max(200).default([]),
});
export type SeatScope = z.infer<typeof SeatScopeSchema>;

export const NewSeatSchema = z.strictObject({ kind: SeatKindSchema, name: nameText(), scope: SeatScopeSchema.default({ roleIds: [], sites: [], formIds: [] }) });

export type Seat = {
  id: string;
  runId: string;
  kind: SeatKind;
  name: string;
  scope: SeatScope;
  createdAt: string;
  /** Until when its join code may be used; null once used. */
  codeExpiresAt: string | null;
  /** True once a device exchanged the code for the seat's token. */
  joined: boolean;
  revokedAt: string | null;
  lastSeenAt: string | null;
};

/** Join codes: 8 characters a person can type off a screen (no 0/O, 1/I/L), one use, 10 minutes. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_TTL_MS = 10 * 60 * 1000;
/** A typed join code as stored: upper case, spaces and dashes dropped (`abcd-efgh` → `ABCDEFGH`). */
export const joinCodeOf = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');
export const JoinCodeSchema = z
  .string()
  .max(40)
  .transform(joinCodeOf)
  .refine((code) => code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)), { params: { key: 'errors.seat.codeFormat' } });

/** Seat tokens: 128 random bits, base64url (22 characters). */
export const SeatTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** What every seat may call: who it is, the shared run, the language. */
const READ: readonly ApiMethod[] = ['getMySeat', 'getRun', 'getPrefs'];

/**
 * The methods each kind of seat may call; everything else (plan editing,
 * other runs, backups, preferences, seats) is the host's alone. The scope of
 * each allowed call is checked by `seatRefusalOf`.
 */
export const SEAT_METHODS: Record<SeatKind, readonly ApiMethod[]> = {
  'field-controller': [...READ, 'recordEvent'],
  evaluator: [...READ, 'recordEvent', 'attachPhoto'],
  'big-screen': READ,
  observer: READ,
};

/** Events a field controller records: the console's one-click step events and observations. */
export const FIELD_EVENT_KINDS: readonly RunEventKind[] = ['inject-delivered', 'started', 'completed', 'skipped', 'branch-taken', 'observation'];
/** Events an evaluator records. */
export const EVALUATOR_EVENT_KINDS: readonly RunEventKind[] = ['evaluation-scored', 'hot-wash', 'observation'];

/** The steps a seat's scope covers: steps of its roles or at its sites (an evaluator's: the steps its forms' items link). */
export function seatStepIdsOf(plan: ScenarioBody, seat: Pick<Seat, 'kind' | 'scope'>): Set<string> {
  if (seat.kind === 'evaluator') {
    const ids = new Set<string>();
    for (const form of plan.evaluation.forms)
      if (seat.scope.formIds.includes(form.id)) for (const section of form.sections) for (const item of section.items) for (const id of item.stepIds) ids.add(id);
    return ids;
  }
  const roles = new Set(seat.scope.roleIds);
  const sites = new Set(seat.scope.sites);
  return new Set(plan.steps.filter((step) => step.roleIds.some((id) => roles.has(id)) || (step.location !== '' && sites.has(step.location))).map((step) => step.id));
}

/** The evaluation items a seat's forms hold. */
export function seatItemIdsOf(plan: ScenarioBody, seat: Pick<Seat, 'scope'>): Set<string> {
  const ids = new Set<string>();
  for (const form of plan.evaluation.forms)
    if (seat.scope.formIds.includes(form.id)) for (const section of form.sections) for (const item of section.items) ids.add(item.id);
  return ids;
}

type SeatCall = { method: ApiMethod; arg: unknown };

/** Why a step named by a seat's entry is out of its scope; `optional`: an entry that may name no step (a score, a hot-wash comment). */
function stepRefusalOf(plan: ScenarioBody, seat: Pick<Seat, 'kind' | 'scope'>, stepId: string | null, optional: boolean): Message | null {
  if (stepId === null) return optional ? null : msg('errors.seat.stepOutOfScope', { step: '' });
  return seatStepIdsOf(plan, seat).has(stepId) ? null : msg('errors.seat.stepOutOfScope', { step: stepId });
}

/**
 * Why a seat may not make this call (already parsed), or null when it may:
 * the method must be its kind's, the run the shared one, the step or item in
 * its scope. Example: a field controller of 供水保障组 completing a step of
 * 污水处置组 → `errors.seat.stepOutOfScope`.
 */
export function seatRefusalOf(seat: Pick<Seat, 'kind' | 'scope' | 'runId'>, plan: ScenarioBody, { method, arg }: SeatCall): Message | null {
  if (!SEAT_METHODS[seat.kind].includes(method)) return msg('errors.seat.methodNotAllowed', { method, kind: msg(`conduct.seats.kind.${seat.kind}`) });
  const a = arg as { id?: string; runId?: string; event?: { kind: RunEventKind; stepId: string | null; itemId: string | null } };
  if (method === 'getRun' && a.id !== seat.runId) return msg('errors.seat.otherRun');
  // A photo for an entry: the shared run only here; that the entry is the seat's own, and the photo's size and type, the service checks (it reads the entry).
  if (method === 'attachPhoto') return a.runId === seat.runId ? null : msg('errors.seat.otherRun');
  if (method !== 'recordEvent') return null;
  if (a.runId !== seat.runId) return msg('errors.seat.otherRun');
  const event = a.event!;
  const kinds = seat.kind === 'evaluator' ? EVALUATOR_EVENT_KINDS : FIELD_EVENT_KINDS;
  if (!kinds.includes(event.kind)) return msg('errors.seat.eventNotAllowed', { kind: event.kind });
  // Any item an entry names must be of the seat's forms (a field controller has none), and any step it names in its scope.
  if (event.itemId !== null && !seatItemIdsOf(plan, seat).has(event.itemId)) return msg('errors.seat.itemOutOfScope', { item: event.itemId });
  if (event.kind === 'evaluation-scored') return event.itemId === null ? msg('errors.seat.itemOutOfScope', { item: '' }) : stepRefusalOf(plan, seat, event.stepId, true);
  return stepRefusalOf(plan, seat, event.stepId, event.kind === 'hot-wash');
}

/** True for an IPv4 address in a private range: 10/8, 172.16/12, 192.168/16. */
export function isPrivateIPv4(address: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!match) return false;
  const [a, b, c, d] = match.slice(1).map(Number);
  if ([a, b, c, d].some((part) => part > 255)) return false;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export type NetworkChoice = { name: string; address: string };
type InterfaceInfo = { address: string; family: string | number; internal: boolean };

/** The interfaces a run may be shared on: private IPv4 addresses only (shape of `os.networkInterfaces()`). */
export function privateInterfacesOf(interfaces: Record<string, InterfaceInfo[] | undefined>): NetworkChoice[] {
  const choices: NetworkChoice[] = [];
  for (const [name, addresses] of Object.entries(interfaces))
    for (const info of addresses ?? [])
      if (!info.internal && (info.family === 'IPv4' || info.family === 4) && isPrivateIPv4(info.address)) choices.push({ name, address: info.address });
  return choices;
}
