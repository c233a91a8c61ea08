/** A role sheet (岗位任务卡) as a flow of printable parts: title, role facts, people, then the task table. */
import type { TFunction } from 'i18next';
import { sheetNoticeOf, triggerTextOf, watchLinesOf } from '../../shared/docText';
import type { RoleSheet, SheetStep } from '../../shared/sheets';
import { contentWidthOf, type Flow, type FlowPart } from './Paged';
import { drillFacts, InfoTable, Lines, SectionHeading, TimeCell, TitleBlock } from './docParts';

/**
 * 序号 | 时间 | 触发条件 | 处置任务（含对白） | 地点、物资、预期结果和移交 (mm, portrait text
 * width 174): the long texts get the wide column, the short facts stack in the last.
 */
const TASK_COLUMNS = [9, 16, 27, 75, 47];
const PEOPLE_COLUMNS = [26, 78, 38, 32];


function TaskCell(props: { step: SheetStep; t: TFunction }) {
  const { step, t } = props;
  return (
    <>
      <div className="doc-task-title">
        {step.kind !== 'action' && <span className={`doc-kind doc-kind-${step.kind}`}>{t(`kind.${step.kind}`)}</span>}
        {step.title}
      </div>
      <Lines text={step.description} />
      {step.deliveryMethod && <div className="doc-small">{t('print.script.delivery', { method: step.deliveryMethod })}</div>}
      {step.question && (
        <div className="doc-question">
          <b>{t('print.sheet.question')}</b>
          {step.question}
        </div>
      )}
      {step.branches.length > 0 && (
        <ul className="doc-branches">
          {step.branches.map((branch, i) => (
            <li key={i}>
              {branch.target
                ? t('print.sheet.branchTo', { label: branch.label, title: branch.target.title })
                : t('print.sheet.branchHidden', { label: branch.label })}
            </li>
          ))}
        </ul>
      )}
      {step.dialogue && (
        <div className="doc-dialogue">
          <b>{t('print.sheet.dialogue')}</b>
          <Lines text={step.dialogue} />
        </div>
      )}
      {step.coRoleNames.length > 0 && <div className="doc-small">{t('print.sheet.coRoles', { names: step.coRoleNames.join(t('listSep')) })}</div>}
    </>
  );
}

/** One labelled fact in the last column; nothing when empty. */
function Fact(props: { label: string; text: string }) {
  if (props.text.trim() === '') return null;
  return (
    <div className="doc-fact">
      <span className="doc-fact-label">{props.label}</span>
      <span className="doc-lines">{props.text}</span>
    </div>
  );
}

function StepRow(props: { step: SheetStep; index: number; t: TFunction }) {
  const { step, t } = props;
  return (
    <tr className={`doc-row doc-row-${step.kind}`} data-testid="sheet-step">
      <td className="doc-center">{props.index}</td>
      <td>{step.afterInject ? <span className="doc-after-inject">{t('print.sheet.afterInject')}</span> : <TimeCell time={step.time} />}</td>
      <td>
        {step.triggers.map((trigger, i) => (
          <div key={i} className="doc-trigger">
            {triggerTextOf(trigger, t)}
          </div>
        ))}
      </td>
      <td>
        <TaskCell step={step} t={t} />
      </td>
      <td className="doc-facts">
        <Fact label={t('print.sheet.place')} text={step.location} />
        <Fact label={t('print.sheet.resourcesLabel')} text={step.resources} />
        <Fact label={t('print.sheet.expected')} text={step.expectedResult} />
        {step.handOvers.length > 0 && (
          <div className="doc-fact">
            <span className="doc-fact-label">{t('print.sheet.handOver')}</span>
            {step.handOvers.map((handOver, i) => (
              <div key={i} className="doc-handover">
                → <b>{handOver.roleNames.join(t('listSep'))}</b>
                {handOver.condition !== null && t('print.sheet.handOverIf', { label: handOver.condition })}{t('colon')}{handOver.step.title}
              </div>
            ))}
          </div>
        )}
      </td>
    </tr>
  );
}

/** The flow of one role sheet. */
export function roleSheetFlow(sheet: RoleSheet, t: TFunction, language: string): Flow {
  const { role } = sheet;
  const variantLabel = t(`print.variant.${sheet.variant}`);
  const none = t('print.sheet.none');
  const col = (key: string) => t(`print.sheet.col.${key}`);
  const width = contentWidthOf('portrait');
  const notice = sheetNoticeOf(sheet, t);

  return {
    key: `sheet-${role.id}`,
    orientation: 'portrait',
    footer: `${sheet.drill.title} · ${t('print.sheet.footer', { role: role.name })}`,
    runningHead: t('print.sheet.running', { role: role.name, variant: variantLabel }),
    parts: [
      {
        kind: 'block',
        key: 'title',
        node: (
          <TitleBlock
            drillTitle={sheet.drill.title}
            title={t('print.sheet.title')}
            subtitle={t('print.sheet.roleMark', { role: role.name })}
            mark={{ variant: sheet.variant, label: variantLabel }}
          />
        ),
      },
      {
        kind: 'block',
        key: 'basics',
        node: (
          <InfoTable
            rows={[
              ...drillFacts(sheet.drill, t, language),
              { label: t('print.sheet.role'), value: <b className="doc-role-name">{role.name}</b> },
              { label: t('print.sheet.group'), value: role.group || none },
              { label: t('print.sheet.category'), value: t('print.sheet.categoryVariant', { category: t(`category.${role.category}`), variant: variantLabel }) },
              { label: t('print.sheet.reportsTo'), value: sheet.reportsTo?.name ?? none },
              { label: t('print.sheet.reporters'), value: sheet.reporters.map((r) => r.name).join(t('listSep')) || none, wide: true },
              { label: t('print.sheet.responsibilities'), value: <Lines text={role.responsibilities || none} />, wide: true },
            ]}
          />
        ),
      },
      { kind: 'block', key: 'people-heading', keepWithNext: true, node: <SectionHeading text={t('print.sheet.peopleHeading')} /> },
      role.people.length === 0
        ? { kind: 'block', key: 'people', node: <p className="doc-note">{t('print.sheet.noPeople')}</p> }
        : {
            kind: 'table',
            key: 'people',
            className: 'doc-people',
            columns: PEOPLE_COLUMNS,
            head: (
              <tr>
                <th>{t('print.sheet.name')}</th>
                <th>{t('print.sheet.unit')}</th>
                <th>{t('print.sheet.phone')}</th>
                <th>{t('print.sheet.callSign')}</th>
              </tr>
            ),
            units: role.people.map((person, i) => ({
              key: String(i),
              node: (
                <tr>
                  <td>{person.name}</td>
                  <td>{person.unit}</td>
                  <td className="doc-nowrap">{person.phone}</td>
                  <td>{person.callSign}</td>
                </tr>
              ),
            })),
          },
      ...(role.people.length > 0 ? [{ kind: 'block' as const, key: 'drill-only', node: <p className="doc-note">{t('print.sheet.drillOnly')}</p> }] : []),
      {
        kind: 'block',
        key: 'tasks-heading',
        keepWithNext: true,
        node: <SectionHeading text={t('print.sheet.tasksHeading')} note={notice} />,
      },
      {
        kind: 'table',
        key: 'tasks',
        className: 'doc-tasks',
        columns: TASK_COLUMNS.map((w) => (w * width) / 174),
        head: (
          <tr>
            {['no', 'time', 'trigger', 'task', 'facts'].map((key) => (
              <th key={key}>{col(key)}</th>
            ))}
          </tr>
        ),
        units:
          sheet.steps.length === 0
            ? [{ key: 'none', node: <tr><td colSpan={5} className="doc-empty">{t('print.sheet.noSteps')}</td></tr> }]
            : sheet.steps.map((step, i) => ({ key: step.id, node: <StepRow step={step} index={i + 1} t={t} /> })),
      },
      ...evaluationParts(sheet, t),
    ],
  };
}

/** 序号 | 评估内容 | 评估标准 | 观察环节（计划时间） | 地点 (mm, portrait text width 174). */
const EVALUATION_COLUMNS = [12, 50, 50, 40, 22];

/** An evaluator's duties: for each assignment, who, the sites, and per form the items to evaluate. */
function evaluationParts(sheet: RoleSheet, t: TFunction): FlowPart[] {
  if (sheet.evaluation.length === 0) return [];
  const parts: FlowPart[] = [{ kind: 'block', key: 'evaluation-heading', keepWithNext: true, node: <SectionHeading text={t('print.sheet.evaluationHeading')} /> }];
  sheet.evaluation.forEach((duty, d) => {
    parts.push({
      kind: 'block',
      key: `duty-${d}`,
      keepWithNext: true,
      node: (
        <p className="doc-eval-duty" data-testid="sheet-evaluation-duty">
          <b>{duty.who}</b>
          {duty.lead ? t('print.sheet.evaluationLead') : ''}
          {duty.sites.length > 0 ? t('print.sheet.evaluationSites', { sites: duty.sites.join(t('listSep')) }) : ''}
        </p>
      ),
    });
    duty.forms.forEach((form, f) =>
      parts.push({
        kind: 'table',
        key: `duty-${d}-form-${f}`,
        className: 'doc-eval-form',
        columns: EVALUATION_COLUMNS,
        head: (
          <>
            <tr>
              <th colSpan={5}>{t('print.sheet.evaluationForm', { title: form.title, scheme: t(`evaluation.schemeShort.${form.scheme}`) })}</th>
            </tr>
            <tr>
              <th>{t('evaluation.form.col.n')}</th>
              <th>{t('evaluation.form.col.content')}</th>
              <th>{t('evaluation.form.col.criterion')}</th>
              <th>{t('print.sheet.evaluationWatch')}</th>
              <th>{t('evaluation.form.place')}</th>
            </tr>
          </>
        ),
        units: form.items.map((item) => ({
          key: item.number,
          node: (
            <tr data-testid="sheet-evaluation-item">
              <td className="doc-center">
                {item.number}
                {item.critical ? t('evaluation.form.criticalMark') : ''}
              </td>
              <td>{item.content}</td>
              <td>{item.criterion}</td>
              <td className="doc-lines doc-small">{watchLinesOf(item.watch, t)}</td>
              <td>{item.site}</td>
            </tr>
          ),
        })),
      }),
    );
  });
  return parts;
}
