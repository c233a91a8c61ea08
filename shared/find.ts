/**
 * Find in a scenario: the steps whose title, description, dialogue or
 * responsible roles' names contain the query, in reading order (left to
 * right, then top to bottom), so next/previous walks the canvas naturally.
 */
import type { ScenarioBody, Step } from './model';

/** Lower-cased, trimmed, inner spaces collapsed: how text is compared. */
const normal = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** Which field of a step matched first, for the find bar's hint. */
export type MatchField = 'title' | 'description' | 'dialogue' | 'role';

export type StepMatch = { stepId: string; field: MatchField };

/**
 * The steps that match a query, in reading order. An empty query matches
 * nothing. Example: "监测" finds a step titled 启动应急监测 and every step
 * of the role 应急监测组.
 */
export function stepMatchesOf(body: Pick<ScenarioBody, 'steps' | 'roles'>, query: string): StepMatch[] {
  const needle = normal(query);
  if (needle === '') return [];
  const roleMatches = new Set(body.roles.filter((role) => normal(role.name).includes(needle)).map((role) => role.id));
  const fieldOf = (step: Step): MatchField | null => {
    if (normal(step.title).includes(needle)) return 'title';
    if (normal(step.description).includes(needle)) return 'description';
    if (normal(step.dialogue).includes(needle)) return 'dialogue';
    if (step.roleIds.some((id) => roleMatches.has(id))) return 'role';
    return null;
  };
  const matches: { step: Step; field: MatchField }[] = [];
  for (const step of body.steps) {
    const field = fieldOf(step);
    if (field) matches.push({ step, field });
  }
  matches.sort((a, b) => a.step.position.x - b.step.position.x || a.step.position.y - b.step.position.y);
  return matches.map(({ step, field }) => ({ stepId: step.id, field }));
}
