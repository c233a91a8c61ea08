/**
 * Who evaluates what (评估分工): each assignment names an evaluator role or
 * one person of it, the forms (and optionally sections and sites) covered,
 * and whether this is the lead who gives the on-the-spot comments.
 */
import { useTranslation } from 'react-i18next';
import { itemsOfAssignment } from '../../shared/evaluation';
import { EvalAssignmentSchema, type EvalAssignment } from '../../shared/model';
import { newId } from '../editor/ids';
import { commit, useEditor } from '../editor/store';

/** Sites typed as one line: split on commas and enumeration commas. */
const sitesOf = (text: string) =>
  text
    .split(/[,，、;；]/)
    .map((site) => site.trim())
    .filter((site) => site !== '');

function AssignmentCard(props: { assignment: EvalAssignment; index: number }) {
  const { t } = useTranslation();
  const { assignment } = props;
  const roles = useEditor((state) => state.body.roles);
  const evaluation = useEditor((state) => state.body.evaluation);
  const role = roles.find((candidate) => candidate.id === assignment.roleId);
  const update = (patch: Partial<EvalAssignment>) => commit([{ op: 'updateEvalAssignment', id: assignment.id, patch }]);
  const toggle = (key: 'formIds' | 'sectionIds', id: string) =>
    update({ [key]: assignment[key].includes(id) ? assignment[key].filter((other) => other !== id) : [...assignment[key], id] });
  const toggleForm = (formId: string) => {
    if (!assignment.formIds.includes(formId)) return update({ formIds: [...assignment.formIds, formId] });
    const sections = new Set(evaluation.forms.find((form) => form.id === formId)?.sections.map((section) => section.id));
    update({ formIds: assignment.formIds.filter((id) => id !== formId), sectionIds: assignment.sectionIds.filter((id) => !sections.has(id)) });
  };
  const covered = itemsOfAssignment(evaluation, assignment).length;
  return (
    <li className="eval-assignment" data-testid="eval-assignment">
      <div className="eval-assignment-head">
        <label>
          <span>{t('evaluation.author.role')}</span>
          <select value={assignment.roleId} onChange={(event) => update({ roleId: event.target.value, person: '' })} data-testid="eval-assignment-role">
            {roles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('evaluation.author.person')}</span>
          <select value={assignment.person} onChange={(event) => update({ person: event.target.value })} data-testid="eval-assignment-person">
            <option value="">{t('evaluation.author.wholeRole')}</option>
            {role?.people.map((person) => (
              <option key={person.name} value={person.name}>
                {person.name}
              </option>
            ))}
            {assignment.person !== '' && !role?.people.some((person) => person.name === assignment.person) && <option value={assignment.person}>{assignment.person}</option>}
          </select>
        </label>
        <span className="muted small">{t('evaluation.author.covers', { count: covered })}</span>
        <button type="button" className="icon-button danger-quiet" onClick={() => commit([{ op: 'removeEvalAssignment', id: assignment.id }])} aria-label={t('evaluation.author.removeAssignment')} title={t('evaluation.author.removeAssignment')} data-testid="eval-remove-assignment">
          ×
        </button>
      </div>
      {role && role.category !== 'evaluator' && <p className="eval-warning small">{t('evaluation.author.notEvaluatorRole', { role: role.name })}</p>}
      <fieldset>
        <legend>{t('evaluation.author.formsLabel')}</legend>
        {evaluation.forms.map((form) => (
          <label key={form.id} className="eval-check">
            <input type="checkbox" checked={assignment.formIds.includes(form.id)} onChange={() => toggleForm(form.id)} data-testid="eval-assignment-form" />
            {form.title}
          </label>
        ))}
      </fieldset>
      {assignment.formIds.length > 0 && (
        <fieldset>
          <legend>{t('evaluation.author.sectionsLabel')}</legend>
          {evaluation.forms
            .filter((form) => assignment.formIds.includes(form.id))
            .flatMap((form) =>
              form.sections.map((section, s) => (
                <label key={section.id} className="eval-check">
                  <input type="checkbox" checked={assignment.sectionIds.includes(section.id)} onChange={() => toggle('sectionIds', section.id)} data-testid="eval-assignment-section" />
                  {s + 1}. {section.title}
                </label>
              )),
            )}
        </fieldset>
      )}
      <label className="eval-sites">
        <span>{t('evaluation.author.sitesLabel')}</span>
        <input
          key={assignment.sites.join('、')}
          defaultValue={assignment.sites.join('、')}
          onBlur={(event) => {
            const sites = sitesOf(event.target.value);
            if (JSON.stringify(sites) !== JSON.stringify(assignment.sites)) update({ sites });
          }}
          data-testid="eval-assignment-sites"
        />
      </label>
      <label className="eval-check">
        <input type="checkbox" checked={assignment.lead} onChange={(event) => update({ lead: event.target.checked })} data-testid="eval-assignment-lead" />
        {t('evaluation.author.lead')}
      </label>
    </li>
  );
}

export function AssignmentsPanel() {
  const { t } = useTranslation();
  const assignments = useEditor((state) => state.body.evaluation.assignments);
  const forms = useEditor((state) => state.body.evaluation.forms);
  const roles = useEditor((state) => state.body.roles);
  const evaluatorRoles = roles.filter((role) => role.category === 'evaluator');
  const add = () => {
    const role = evaluatorRoles[0] ?? roles[0];
    if (!role) return;
    // The next person of the role not yet assigned, or the whole role.
    const person = role.people.find((candidate) => !assignments.some((a) => a.roleId === role.id && a.person === candidate.name))?.name ?? '';
    commit([{ op: 'addEvalAssignment', assignment: EvalAssignmentSchema.parse({ id: newId('assign'), roleId: role.id, person, formIds: forms.map((form) => form.id) }) }]);
  };
  return (
    <section className="eval-assignments" data-testid="eval-assignments">
      <h2>{t('evaluation.author.assignments')}</h2>
      <p className="muted small">{t('evaluation.author.assignmentsHint')}</p>
      {evaluatorRoles.length === 0 && <p className="eval-warning small">{t('evaluation.author.noEvaluatorRoles')}</p>}
      {assignments.length === 0 && <p className="muted small">{t('evaluation.author.noAssignments')}</p>}
      <ul>
        {assignments.map((assignment, index) => (
          <AssignmentCard key={assignment.id} assignment={assignment} index={index} />
        ))}
      </ul>
      <button type="button" onClick={add} disabled={roles.length === 0} data-testid="eval-add-assignment">
        + {t('evaluation.author.addAssignment')}
      </button>
    </section>
  );
}
