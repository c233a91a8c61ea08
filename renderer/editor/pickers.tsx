/** Pickers in the inspector: the roles responsible for steps (with a quick "new role"), and the objectives steps serve. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { nameText, RoleSchema } from '../../shared/model';
import type { GraphOp } from '../../shared/ops';
import { isCancelKey, isSubmitKey } from '../components/keys';
import { checkValue } from './fields';
import { Icon } from './icons';
import { newId } from './ids';
import { ROLE_COLORS } from './rolePresets';
import { commit, openRole, useEditor } from './store';

const NewRoleName = nameText();

/**
 * Role chips for a set of steps: a chip is on when every step has the role.
 * Clicking it assigns the role to all of them (or takes it from all).
 */
export function RolePicker(props: { stepIds: readonly string[] }) {
  const { t } = useTranslation();
  const roles = useEditor((state) => state.body.roles);
  const assigned = useEditor(useShallow((state) => props.stepIds.map((id) => state.stepById.get(id)?.roleIds ?? [])));
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const has = (roleId: string) => assigned.length > 0 && assigned.every((ids) => ids.includes(roleId));

  const toggle = (roleId: string) => {
    const on = !has(roleId);
    const ops = props.stepIds.flatMap((id, i): GraphOp[] => {
      const ids = assigned[i];
      if (on === ids.includes(roleId)) return [];
      return [{ op: 'updateStep', id, patch: { roleIds: on ? [...ids, roleId] : ids.filter((other) => other !== roleId) } }];
    });
    commit(ops);
  };

  const add = () => {
    const checked = checkValue(NewRoleName, name, t);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const existing = roles.find((role) => role.name.trim() === checked.value);
    const roleId = existing?.id ?? newId('r');
    const ops: GraphOp[] = existing
      ? []
      : [{ op: 'addRole', role: RoleSchema.parse({ id: roleId, name: checked.value, color: ROLE_COLORS[roles.length % ROLE_COLORS.length] }) }];
    props.stepIds.forEach((id, i) => {
      if (!assigned[i].includes(roleId)) ops.push({ op: 'updateStep', id, patch: { roleIds: [...assigned[i], roleId] } });
    });
    commit(ops);
    setName('');
    setError(null);
    setAdding(false);
  };

  return (
    <div className="ed-field ed-field-wide">
      <label>{t('editor.inspector.roles')}</label>
      <div className="role-picker" data-testid="role-picker">
        {roles.length === 0 && !adding && <span className="muted small">{t('editor.inspector.noRolesYet')}</span>}
        {roles.map((role) => (
          <button
            key={role.id}
            type="button"
            className={has(role.id) ? 'role-option is-on' : 'role-option'}
            aria-pressed={has(role.id)}
            style={has(role.id) ? { borderColor: role.color, background: `${role.color}18` } : undefined}
            onClick={() => toggle(role.id)}
            data-testid="role-option"
            title={role.responsibilities || role.name}
          >
            <span className="role-dot" style={{ background: role.color }} />
            {role.name}
            {has(role.id) && <Icon name="check" size={12} />}
          </button>
        ))}
        {adding ? (
          <span className="role-new">
            <input
              autoFocus
              value={name}
              placeholder={t('editor.inspector.newRolePlaceholder')}
              aria-invalid={error ? true : undefined}
              data-testid="new-role-name"
              onChange={(event) => {
                setName(event.target.value);
                setError(null);
              }}
              onKeyDown={(event) => {
                if (isSubmitKey(event)) add();
                if (isCancelKey(event)) setAdding(false);
              }}
            />
            <button type="button" className="primary small-button" onClick={add} data-testid="new-role-add">
              {t('editor.inspector.addRole')}
            </button>
          </span>
        ) : (
          <button type="button" className="role-option role-option-add" onClick={() => setAdding(true)} data-testid="role-add-inline">
            <Icon name="plus" size={12} />
            {t('editor.inspector.newRole')}
          </button>
        )}
      </div>
      {error && <span className="ed-field-error">{error}</span>}
      {roles.length > 0 && (
        <button type="button" className="link-button" onClick={() => openRole(null)}>
          {t('editor.inspector.manageRoles')}
        </button>
      )}
    </div>
  );
}

/** Checkboxes for the scenario's objectives a step serves. */
export function ObjectivePicker(props: { stepId: string }) {
  const { t } = useTranslation();
  const objectives = useEditor((state) => state.body.objectives);
  const served = useEditor((state) => state.stepById.get(props.stepId)?.objectiveIds);
  if (objectives.length === 0 || !served) return null;
  const toggle = (id: string) =>
    commit([{ op: 'updateStep', id: props.stepId, patch: { objectiveIds: served.includes(id) ? served.filter((o) => o !== id) : [...served, id] } }]);
  return (
    <div className="ed-field ed-field-wide">
      <label>{t('editor.inspector.objectives')}</label>
      <div className="objective-picker">
        {objectives.map((objective) => (
          <label key={objective.id} className="check-row">
            <input type="checkbox" checked={served.includes(objective.id)} onChange={() => toggle(objective.id)} />
            <span>{objective.text}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
