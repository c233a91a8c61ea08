/**
 * The document head and foot fields (编制单位, 编制/审核/签发, 版本, 日期, 密级,
 * and for a run's report 主送/抄送/落款) as form fields: the scenario's in
 * 演练信息, a run's own in the report view. One shape, `DocFields`.
 */
import { useTranslation } from 'react-i18next';
import { DocFieldsSchema, type DocFields } from '../../shared/model';

type Key = keyof DocFields;
const SCENARIO_KEYS: Key[] = ['unit', 'version', 'date', 'classification', 'drafter', 'reviewer', 'approver'];
const RUN_KEYS: Key[] = ['unit', 'date', 'classification', 'recipients', 'copyTo', 'signOff', 'drafter', 'reviewer', 'approver'];

/** Every problem of a draft by field, from the one schema (empty when it is valid). */
export function docFieldsProblemsOf(draft: DocFields): Partial<Record<Key, string>> {
  const parsed = DocFieldsSchema.safeParse(draft);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

export function DocFieldsEditor(props: { value: DocFields; onChange: (value: DocFields) => void; forRun?: boolean; placeholders?: DocFields }) {
  const { t } = useTranslation();
  const problems = docFieldsProblemsOf(props.value);
  const keys = props.forRun ? RUN_KEYS : SCENARIO_KEYS;
  return (
    <fieldset className="doc-fields-editor ed-field-wide" data-testid="doc-fields-editor">
      <legend>{t('docFields.heading')}</legend>
      {keys.map((key) => {
        const label = key === 'unit' && props.forRun ? t('docFields.reportUnit') : t(`docFields.${key}`);
        const placeholder = key === 'classification' ? t('docFields.internal') : (props.placeholders?.[key] ?? '') || undefined;
        return (
          <label key={key} className={key === 'recipients' || key === 'copyTo' ? 'ed-field ed-field-wide' : 'ed-field'}>
            <span>{label}</span>
            <input
              type={key === 'date' ? 'date' : 'text'}
              value={props.value[key] ?? ''}
              placeholder={placeholder}
              aria-invalid={problems[key] ? true : undefined}
              onChange={(event) => props.onChange({ ...props.value, [key]: key === 'date' ? event.target.value || null : event.target.value })}
              data-testid={`doc-field-${key}`}
            />
            {problems[key] ? <span className="ed-field-error">{problems[key]}</span> : key === 'classification' && <span className="ed-field-hint">{t('docFields.classificationHint')}</span>}
          </label>
        );
      })}
    </fieldset>
  );
}
