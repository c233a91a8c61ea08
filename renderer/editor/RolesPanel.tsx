/**
 * The roles panel: the scenario's roles with group, category, colour,
 * responsibilities, reporting line and people; add (by hand or from the
 * usual groups of a drill), edit, delete (asking first, naming the steps
 * that use the role).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { PARTICIPANT_CATEGORIES, PersonSchema, ROLE_ROSTER_FIELDS, RoleSchema, type ParticipantCategory, type Person, type Role } from '../../shared/model';
import { roleRemovalOpsOf } from '../../shared/ops';
import { ConfirmDialog } from '../components/Dialog';
import { checkValue, FieldFrame, SelectField, TextField } from './fields';
import { Icon } from './icons';
import { newId } from './ids';
import { ROLE_COLORS, ROLE_PRESETS } from './rolePresets';
import { closeEditBurst, commit, openRole, revealStep, useEditor } from './store';

const R = RoleSchema.shape;
const P = PersonSchema.shape;

/** How many steps each role is responsible for. */
function useStepCounts(): ReadonlyMap<string, number> {
  const steps = useEditor((state) => state.body.steps);
  const [counts, setCounts] = useState<Map<string, number>>(new Map());
  useEffect(() => {
    const next = new Map<string, number>();
    for (const step of steps) for (const id of step.roleIds) next.set(id, (next.get(id) ?? 0) + 1);
    setCounts(next);
  }, [steps]);
  return counts;
}

type DraftPerson = { name: string; unit: string; phone: string; callSign: string };

/** People of a role: rows edited locally; the list is sent whenever every row is valid. */
function PeopleEditor(props: { role: Role }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<DraftPerson[]>(props.role.people);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // What this editor sent last: its own echo must not reset the rows (trimming would eat a space being typed).
  const sent = useRef(JSON.stringify(props.role.people));
  useEffect(() => {
    const incoming = JSON.stringify(props.role.people);
    if (incoming === sent.current) return;
    sent.current = incoming;
    setRows(props.role.people);
    setErrors({});
  }, [props.role.people]);
  const send = (next: DraftPerson[]) => {
    setRows(next);
    const found: Record<string, string> = {};
    const people: Person[] = [];
    next.forEach((row, i) => {
      const result = checkValue(PersonSchema, row, t);
      if (result.ok) people.push(result.value);
      else for (const field of ['name', 'unit', 'phone', 'callSign'] as const) {
        const check = checkValue(P[field], row[field], t);
        if (!check.ok) found[`${i}.${field}`] = check.message;
      }
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const text = JSON.stringify(people);
    if (text === sent.current) return;
    sent.current = text;
    commit([{ op: 'updateRole', id: props.role.id, patch: { people } }], { mergeKey: `${props.role.id}:people`, debounce: true });
  };
  const change = (index: number, field: keyof DraftPerson, value: string) => send(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  return (
    <div className="ed-field ed-field-wide">
      <label>{t('editor.roles.people')}</label>
      {rows.length > 0 && (
        <table className="people-table">
          <thead>
            <tr>
              <th>{t('editor.roles.personName')}</th>
              <th>{t('editor.roles.personUnit')}</th>
              <th>{t('editor.roles.personPhone')}</th>
              <th>{t('editor.roles.personCallSign')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-testid="person-row">
                {(['name', 'unit', 'phone', 'callSign'] as const).map((field) => (
                  <td key={field}>
                    <input
                      value={row[field]}
                      aria-label={t(`editor.roles.person${field[0].toUpperCase()}${field.slice(1)}`)}
                      aria-invalid={errors[`${i}.${field}`] ? true : undefined}
                      title={errors[`${i}.${field}`]}
                      data-testid={`person-${field}`}
                      onChange={(event) => change(i, field, event.target.value)}
                      onBlur={closeEditBurst}
                    />
                  </td>
                ))}
                <td>
                  <button type="button" className="icon-button" aria-label={t('editor.roles.removePerson')} onClick={() => send(rows.filter((_, j) => j !== i))}>
                    <Icon name="close" size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {Object.values(errors)[0] && <span className="ed-field-error">{Object.values(errors)[0]}</span>}
      <button type="button" className="link-button" onClick={() => setRows([...rows, { name: '', unit: '', phone: '', callSign: '' }])} data-testid="add-person">
        <Icon name="plus" size={12} /> {t('editor.roles.addPerson')}
      </button>
    </div>
  );
}

function RoleEditor(props: { role: Role; onDelete: () => void }) {
  const { t } = useTranslation();
  const { role } = props;
  const others = useEditor(useShallow((state) => state.body.roles.filter((other) => other.id !== role.id).map((other) => `${other.id}\n${other.name}`)));
  const steps = useEditor(useShallow((state) => state.body.steps.filter((step) => step.roleIds.includes(role.id)).map((step) => `${step.id}\n${step.title}`)));
  const update = (field: 'name' | 'group' | 'responsibilities' | (typeof ROLE_ROSTER_FIELDS)[number]) => (value: string, burst: string) =>
    commit([{ op: 'updateRole', id: role.id, patch: { [field]: value } }], { mergeKey: `${role.id}:${field}:${burst}`, debounce: true });
  return (
    <div className="role-editor" data-testid="role-editor">
      <TextField label={t('editor.roles.name')} value={role.name} schema={R.name} onValid={update('name')} testId="role-name" focusField="role-name" focusId={role.id} />
      <div className="ed-row">
        <TextField label={t('editor.roles.group')} value={role.group} schema={R.group} onValid={update('group')} testId="role-group" />
        <SelectField<ParticipantCategory>
          label={t('editor.roles.category')}
          value={role.category}
          options={PARTICIPANT_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
          onChange={(category) => commit([{ op: 'updateRole', id: role.id, patch: { category } }])}
          testId="role-category"
        />
      </div>
      <FieldFrame label={t('editor.roles.color')}>
        <div className="color-swatches">
          {ROLE_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              className={color === role.color ? 'swatch is-on' : 'swatch'}
              style={{ background: color }}
              aria-label={color}
              aria-pressed={color === role.color}
              onClick={() => commit([{ op: 'updateRole', id: role.id, patch: { color } }])}
            />
          ))}
          <input
            type="color"
            value={role.color}
            aria-label={t('editor.roles.customColor')}
            onChange={(event) => commit([{ op: 'updateRole', id: role.id, patch: { color: event.target.value } }], { mergeKey: `${role.id}:color`, debounce: true })}
          />
        </div>
      </FieldFrame>
      <SelectField<string>
        label={t('editor.roles.reportsTo')}
        value={role.reportsTo ?? ''}
        options={[{ value: '', label: t('editor.roles.nobody') }, ...others.map((entry) => ({ value: entry.split('\n')[0], label: entry.split('\n')[1] }))]}
        onChange={(value) => commit([{ op: 'updateRole', id: role.id, patch: { reportsTo: value === '' ? null : value } }])}
        testId="role-reports-to"
      />
      <TextField label={t('editor.roles.responsibilities')} value={role.responsibilities} schema={R.responsibilities} onValid={update('responsibilities')} multiline rows={3} testId="role-responsibilities" />
      <PeopleEditor role={role} />
      <div className="ed-row">
        <TextField label={t('editor.roles.mark')} value={role.mark} schema={R.mark} onValid={update('mark')} placeholder={t('editor.roles.markPlaceholder')} testId="role-mark" />
        <TextField label={t('editor.roles.backup')} value={role.backup} schema={R.backup} onValid={update('backup')} hint={t('editor.roles.backupHint')} testId="role-backup" />
      </div>
      <div className="ed-row">
        <TextField label={t('editor.roles.assemblyPlace')} value={role.assemblyPlace} schema={R.assemblyPlace} onValid={update('assemblyPlace')} testId="role-assemblyPlace" />
        <TextField label={t('editor.roles.assemblyTime')} value={role.assemblyTime} schema={R.assemblyTime} onValid={update('assemblyTime')} placeholder="07:30" testId="role-assemblyTime" />
      </div>
      <div className="ed-row">
        <TextField label={t('editor.roles.inPlaceTime')} value={role.inPlaceTime} schema={R.inPlaceTime} onValid={update('inPlaceTime')} hint={t('editor.roles.inPlaceHint')} testId="role-inPlaceTime" />
        <TextField label={t('editor.roles.inPlaceLocation')} value={role.inPlaceLocation} schema={R.inPlaceLocation} onValid={update('inPlaceLocation')} testId="role-inPlaceLocation" />
      </div>
      <div className="ed-field ed-field-wide">
        <label>{t('editor.roles.steps', { count: steps.length })}</label>
        <div className="role-steps">
          {steps.length === 0 && <span className="muted small">{t('editor.roles.noSteps')}</span>}
          {steps.map((entry) => (
            <button key={entry} type="button" className="link-button" onClick={() => revealStep(entry.split('\n')[0])}>
              {entry.split('\n')[1]}
            </button>
          ))}
        </div>
      </div>
      <div className="inspector-actions">
        <button type="button" className="danger-quiet" onClick={props.onDelete} data-testid="role-delete">
          <Icon name="trash" size={14} /> {t('editor.roles.delete')}
        </button>
      </div>
    </div>
  );
}

export function RolesPanel() {
  const { t, i18n } = useTranslation();
  const roles = useEditor((state) => state.body.roles);
  const openId = useEditor((state) => state.openRoleId);
  const counts = useStepCounts();
  const [deleting, setDeleting] = useState<Role | null>(null);
  const english = i18n.language === 'en';
  const names = new Set(roles.map((role) => role.name.trim()));
  const presets = ROLE_PRESETS.filter((preset) => !names.has(preset.zh) && !names.has(preset.en));

  const add = (role: Partial<Role> & { name: string }) => {
    const id = newId('r');
    if (commit([{ op: 'addRole', role: RoleSchema.parse({ color: ROLE_COLORS[roles.length % ROLE_COLORS.length], ...role, id }) }])) {
      openRole(id);
      useEditor.setState({ focus: { field: 'role-name', id, n: Date.now() } });
    }
  };
  const usersOf = (role: Role) => useEditor.getState().body.steps.filter((step) => step.roleIds.includes(role.id));
  const remove = (role: Role) => {
    const ops = roleRemovalOpsOf(useEditor.getState().body, role.id);
    if (commit(ops)) openRole(null);
  };

  return (
    <div className="roles-panel" data-testid="roles-panel">
      <div className="panel-toolbar">
        <button type="button" className="primary" onClick={() => add({ name: t('editor.roles.newName', { n: roles.length + 1 }) })} data-testid="add-role">
          <Icon name="plus" size={14} /> {t('editor.roles.add')}
        </button>
      </div>
      {presets.length > 0 && (
        <div className="role-presets">
          <span className="muted small">{t('editor.roles.presets')}</span>
          <div className="role-presets-list">
            {presets.map((preset) => (
              <button
                key={preset.zh}
                type="button"
                className="role-option"
                data-testid="role-preset"
                onClick={() =>
                  add({ name: english ? preset.en : preset.zh, group: english ? preset.groupEn : preset.groupZh, category: preset.category, color: preset.color })
                }
              >
                <span className="role-dot" style={{ background: preset.color }} />
                {english ? preset.en : preset.zh}
              </button>
            ))}
          </div>
        </div>
      )}
      {roles.length === 0 && <p className="muted panel-empty">{t('editor.roles.empty')}</p>}
      <ul className="role-list">
        {roles.map((role) => {
          const open = role.id === openId;
          return (
            <li key={role.id} className={open ? 'role-item is-open' : 'role-item'} data-testid="role-item">
              <button type="button" className="role-item-head" aria-expanded={open} onClick={() => openRole(open ? null : role.id)}>
                <span className="role-dot role-dot-big" style={{ background: role.color }} />
                <span className="role-item-name">{role.name}</span>
                {role.group && <span className="role-item-group">{role.group}</span>}
                <span className="role-item-category">{t(`category.${role.category}`)}</span>
                <span className="role-item-count">{t('editor.roles.stepCount', { count: counts.get(role.id) ?? 0 })}</span>
                <Icon name="chevron" size={14} className={open ? 'chevron is-open' : 'chevron'} />
              </button>
              {open && <RoleEditor role={role} onDelete={() => (usersOf(role).length > 0 ? setDeleting(role) : remove(role))} />}
            </li>
          );
        })}
      </ul>
      {deleting && (
        <ConfirmDialog
          title={t('editor.roles.deleteTitle', { name: deleting.name })}
          message={t('editor.roles.deleteMessage', {
            name: deleting.name,
            count: usersOf(deleting).length,
            steps: usersOf(deleting)
              .slice(0, 12)
              .map((step) => `“${step.title}”`)
              .join(t('listSep')) + (usersOf(deleting).length > 12 ? '…' : ''),
          })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            remove(deleting);
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}
