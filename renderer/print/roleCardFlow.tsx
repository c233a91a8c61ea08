/**
 * The one-page A5 task card (岗位任务卡 A5 单页) for a player with few tasks:
 * the role, whom it reports to, its people's phones, and each task with its
 * time, what sets it off, where and what it must achieve. Built from the
 * same player-safe sheet as the A4 card, so it leaves out what that leaves out.
 */
import type { TFunction } from 'i18next';
import { sheetNoticeOf, triggerTextOf } from '../../shared/docText';
import { sheetVariantOf, type RoleSheet } from '../../shared/sheets';
import type { Flow } from './Paged';
import { drillFacts, InfoTable, TimeCell } from './docParts';

/** 序号 | 时间 | 任务 (mm, A5 text width 128). */
const COLUMNS = [8, 17, 103];

export function roleCardFlow(sheet: RoleSheet, t: TFunction, language: string): Flow {
  const { role } = sheet;
  const variantLabel = t(`print.variant.${sheetVariantOf(role.category)}`);
  const none = t('print.sheet.none');
  const notice = sheetNoticeOf(sheet, t);
  const people = role.people.map((person) => [person.name, person.phone, person.callSign].filter(Boolean).join(' ')).join(t('clauseSep'));
  return {
    key: `card-${role.id}`,
    orientation: 'a5',
    footer: `${sheet.drill.title} · ${t('print.sheet.footer', { role: role.name })}`,
    runningHead: t('print.sheet.running', { role: role.name, variant: variantLabel }),
    parts: [
      {
        kind: 'block',
        key: 'title',
        node: (
          <div className="doc-card-head">
            <span className={`doc-mark doc-mark-${sheet.variant}`} data-testid="sheet-variant">
              {variantLabel}
            </span>
            <div className="doc-card-drill">{sheet.drill.title}</div>
            <div className="doc-card-title">
              {t('print.sheet.title')}
              {t('print.sheet.roleMark', { role: role.name })}
            </div>
          </div>
        ),
      },
      {
        kind: 'block',
        key: 'basics',
        node: (
          <InfoTable
            rows={[
              drillFacts(sheet.drill, t, language)[0],
              { label: t('print.sheet.reportsTo'), value: sheet.reportsTo?.name ?? none, wide: true },
              { label: t('print.sheet.peopleHeading'), value: people || t('print.sheet.noPeople'), wide: true },
            ]}
          />
        ),
      },
      ...(notice ? [{ kind: 'block' as const, key: 'notice', node: <p className="doc-note doc-card-note">{notice}</p> }] : []),
      {
        kind: 'table',
        key: 'tasks',
        className: 'doc-tasks doc-card-tasks',
        columns: COLUMNS,
        head: (
          <tr>
            {['no', 'time', 'task'].map((key) => (
              <th key={key}>{t(`print.sheet.col.${key}`)}</th>
            ))}
          </tr>
        ),
        units:
          sheet.steps.length === 0
            ? [{ key: 'none', node: <tr><td colSpan={3} className="doc-empty">{t('print.sheet.noSteps')}</td></tr> }]
            : sheet.steps.map((step, i) => ({
                key: step.id,
                node: (
                  <tr className={`doc-row doc-row-${step.kind}`} data-testid="card-step">
                    <td className="doc-center">{i + 1}</td>
                    <td>{step.afterInject ? t('print.sheet.afterInject') : <TimeCell time={step.time} />}</td>
                    <td>
                      <div className="doc-task-title">{step.title}</div>
                      <div className="doc-small">{step.triggers.map((trigger) => triggerTextOf(trigger, t)).join(t('clauseSep'))}</div>
                      {step.location && <div className="doc-small">{t('print.script.place')}{step.location}</div>}
                      {step.expectedResult && <div className="doc-small">{t('print.script.expectedLabel')}{step.expectedResult}</div>}
                    </td>
                  </tr>
                ),
              })),
      },
    ],
  };
}
