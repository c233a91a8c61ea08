/**
 * Edits the editor builds from several graph operations, each with an exact
 * inverse because it is made only of `shared/ops.ts` operations.
 */
import { StepSchema, type ScenarioBody, type StepKind } from '../../shared/model';
import { evalObjectiveUnlinkOpsOf } from '../../shared/evaluationOps';
import { removalOpsOf, type GraphOp } from '../../shared/ops';

/**
 * Changing a step's kind: the step is removed with its edges and added back
 * under the same id with the new kind (fields the kind does not have are
 * dropped, the ones it needs start empty) and its edges restored. Edges
 * leaving a step that becomes a decision turn conditional; leaving a
 * decision that stops being one, they turn back into sequence edges.
 */
export function kindChangeOpsOf(body: ScenarioBody, stepId: string, kind: StepKind): GraphOp[] {
  const step = body.steps.find((candidate) => candidate.id === stepId);
  if (!step || step.kind === kind) return [];
  const { deliveryMethod: _d, question: _q, ...common } = step as typeof step & { deliveryMethod?: string; question?: string };
  const next = StepSchema.parse({
    ...common,
    kind,
    ...(kind === 'inject' ? { deliveryMethod: '' } : {}),
    ...(kind === 'decision' ? { question: '' } : {}),
  });
  const touching = body.edges.filter((edge) => edge.source === stepId || edge.target === stepId);
  const decisionChanged = step.kind === 'decision' || kind === 'decision';
  const linkingItems = body.evaluation.forms.flatMap((form) => form.sections.flatMap((section) => section.items.filter((item) => item.stepIds.includes(stepId))));
  return [
    ...removalOpsOf(body, [stepId]),
    { op: 'addStep', step: next },
    ...touching.map(
      (edge): GraphOp => ({
        op: 'addEdge',
        edge: edge.source === stepId && decisionChanged ? { ...edge, kind: kind === 'decision' ? 'conditional' : 'sequence' } : edge,
      }),
    ),
    // Evaluation items linking the step link it again.
    ...linkingItems.map((item): GraphOp => ({ op: 'updateEvalItem', id: item.id, patch: { stepIds: item.stepIds } })),
  ];
}

/** Objectives a metadata edit drops, unassigned from the steps that serve them and unlinked from evaluation items first (the back end refuses otherwise). */
export function objectiveRemovalOpsOf(body: ScenarioBody, keptIds: ReadonlySet<string>): GraphOp[] {
  const dropped = new Set(body.objectives.filter((objective) => !keptIds.has(objective.id)).map((objective) => objective.id));
  if (dropped.size === 0) return [];
  return [
    ...body.steps
      .filter((step) => step.objectiveIds.some((id) => dropped.has(id)))
      .map((step): GraphOp => ({ op: 'updateStep', id: step.id, patch: { objectiveIds: step.objectiveIds.filter((id) => !dropped.has(id)) } })),
    ...evalObjectiveUnlinkOpsOf(body.evaluation, dropped),
  ];
}
