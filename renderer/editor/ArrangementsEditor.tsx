/**
 * The texts the drill office writes for the documents around the script
 * (编制依据, 安全保障, 物资通讯后勤保障, 筹备工作安排, 报到地点, 联系人, 观摩位置),
 * edited in 演练信息. One shape, `DrillArrangements`.
 */
import { useTranslation } from 'react-i18next';
import { DrillArrangementsSchema, type DrillArrangements } from '../../shared/model';

type Key = keyof DrillArrangements;
const KEYS: { key: Key; rows: number }[] = [
  { key: 'basis', rows: 3 },
  { key: 'safety', rows: 3 },
  { key: 'support', rows: 3 },
  { key: 'preparation', rows: 3 },
  { key: 'reportingPoint', rows: 1 },
  { key: 'contact', rows: 1 },
  { key: 'viewing', rows: 2 },
];

/** Every problem of a draft by field, from the one schema (empty when it is valid). */
export function arrangementsProblemsOf(draft: DrillArrangements): Partial<Record<Key, string>> {
  const parsed = DrillArrangementsSchema.safeParse(draft);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

export function ArrangementsEditor(props: { value: DrillArrangements; onChange: (value: DrillArrangements) => void }) {
  const { t } = useTranslation();
  const problems = arrangementsProblemsOf(props.value);
  return (
    <fieldset className="doc-fields-editor ed-field-wide" data-testid="arrangements-editor">
      <legend>{t('editor.arrangements.heading')}</legend>
      {KEYS.map(({ key, rows }) => (
        <label key={key} className="ed-field ed-field-wide">
          <span>{t(`editor.arrangements.${key}`)}</span>
          <textarea
            rows={rows}
            value={props.value[key]}
            placeholder={t(`editor.arrangements.${key}Placeholder`)}
            aria-invalid={problems[key] ? true : undefined}
            onChange={(event) => props.onChange({ ...props.value, [key]: event.target.value })}
            data-testid={`arrangement-${key}`}
          />
          {problems[key] && <span className="ed-field-error">{problems[key]}</span>}
        </label>
      ))}
    </fieldset>
  );
}
