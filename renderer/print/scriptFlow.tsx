/**
 * The drill script (演练脚本) as a flow, in the column layout of Chinese
 * practice: 时间 | 情景内容 | 参演角色 | 处置动作 | 报告指令(对白) | 预期结果 | 备注,
 * numbered, with each decision's alternatives pointing at the rows they go on to.
 */
import type { TFunction } from 'i18next';
import { scriptGroupsOf, type DrillScript, type ScriptRow } from '../../shared/sheets';
import type { Flow } from './Paged';
import { drillFacts, InfoTable, Lines, TimeCell, TitleBlock } from './docParts';

/** 序号 | 时间 | 情景内容 | 参演角色 | 处置动作 | 对白 | 预期结果 | 备注 (mm, landscape text width 267). */
const COLUMNS = [9, 17, 47, 22, 56, 57, 31, 28];

function Conditions(props: { row: ScriptRow; t: TFunction }) {
  return (
    <>
      {props.row.conditions.map((c, i) => (
        <div key={i} className="doc-condition">
          {props.t('print.script.condition', { index: c.decisionIndex, title: c.decisionTitle, label: c.label })}
        </div>
      ))}
    </>
  );
}

function Notes(props: { row: ScriptRow; t: TFunction }) {
  const { row, t } = props;
  return (
    <>
      {row.location && (
        <div>
          {t('print.script.place')}
          {row.location}
        </div>
      )}
      {row.resources && (
        <div className="doc-small">
          {t('print.script.resources')}
          {row.resources}
        </div>
      )}
      <Lines text={row.notes} className="doc-small" />
    </>
  );
}

function ScriptRowView(props: { row: ScriptRow; t: TFunction }) {
  const { row, t } = props;
  if (row.kind === 'milestone')
    return (
      <tr className="doc-row doc-row-milestone" data-testid="script-row">
        <td className="doc-center">{row.index}</td>
        <td>
          <TimeCell time={row.time} />
        </td>
        <td colSpan={6}>
          <Conditions row={row} t={t} />
          <span className="doc-milestone">◆ {t('print.script.milestone')}{t('colon')}{row.title}</span>
          {row.roleNames.length > 0 && <span className="doc-milestone-roles">{t('bracketed', { text: row.roleNames.join(t('listSep')) })}</span>}
          {row.expectedResult && <span className="doc-milestone-result">{row.expectedResult}</span>}
        </td>
      </tr>
    );
  const inject = row.kind === 'inject';
  return (
    <tr className={`doc-row doc-row-${row.kind}`} data-testid="script-row">
      <td className="doc-center">{row.index}</td>
      <td>
        <TimeCell time={row.time} />
      </td>
      <td>
        {inject && (
          <>
            <Conditions row={row} t={t} />
            <div className="doc-task-title">
              <span className="doc-kind doc-kind-inject">{t('kind.inject')}</span>
              {row.title}
            </div>
            <Lines text={row.description} />
          </>
        )}
      </td>
      <td>{row.roleNames.join(t('listSep'))}</td>
      <td>
        {inject ? (
          row.deliveryMethod && <div className="doc-small">{t('print.script.delivery', { method: row.deliveryMethod })}</div>
        ) : (
          <>
            <Conditions row={row} t={t} />
            <div className="doc-task-title">
              {row.kind === 'decision' && <span className="doc-kind doc-kind-decision">{t('kind.decision')}</span>}
              {row.title}
            </div>
            <Lines text={row.description} />
            {row.question && (
              <div className="doc-question">
                <b>{t('print.script.question')}</b>
                {row.question}
              </div>
            )}
            {row.branches.length > 0 && (
              <ul className="doc-branches">
                {row.branches.map((branch, i) => (
                  <li key={i}>{t('print.script.branchTo', { label: branch.label, index: branch.targetIndex })}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </td>
      <td>
        <Lines text={row.dialogue} className="doc-dialogue-text" />
      </td>
      <td>
        <Lines text={row.expectedResult} />
      </td>
      <td>
        <Notes row={row} t={t} />
      </td>
    </tr>
  );
}

export function scriptFlow(script: DrillScript, t: TFunction, language: string): Flow {
  const col = (key: string) => t(`print.script.col.${key}`);
  const length = script.lengthMin === null ? undefined : { label: t('print.header.length'), value: t('print.header.minutes', { count: Math.round(script.lengthMin) }) };
  const facts = drillFacts(script.drill, t, language, length);
  if (script.drill.objectives.length > 0)
    facts.push({
      label: t('print.header.objectives'),
      value: (
        <ol className="doc-objectives">
          {script.drill.objectives.map((objective, i) => (
            <li key={i}>{objective}</li>
          ))}
        </ol>
      ),
      wide: true,
    });
  return {
    key: 'script',
    orientation: 'landscape',
    footer: `${script.drill.title} · ${t('print.script.footer')}`,
    runningHead: t('print.script.running', { title: script.drill.title }),
    parts: [
      { kind: 'block', key: 'title', node: <TitleBlock drillTitle={script.drill.title} title={t('print.script.title')} /> },
      { kind: 'block', key: 'drill', node: <InfoTable rows={facts} /> },
      {
        kind: 'table',
        key: 'rows',
        className: 'doc-script',
        columns: COLUMNS,
        head: (
          <tr>
            {['no', 'time', 'scene', 'roles', 'action', 'dialogue', 'expected', 'notes'].map((key) => (
              <th key={key}>{col(key)}</th>
            ))}
          </tr>
        ),
        // A phase heading row travels with the first row of its phase, so a heading never ends a page.
        units: scriptGroupsOf(script.rows).flatMap((group) =>
          group.rows.map((row, i) => ({
            key: row.id,
            node:
              i === 0 && group.phase !== '' ? (
                <>
                  <tr className="doc-phase-row" data-testid="script-phase">
                    <td colSpan={8}>{group.phase}</td>
                  </tr>
                  <ScriptRowView row={row} t={t} />
                </>
              ) : (
                <ScriptRowView row={row} t={t} />
              ),
          })),
        ),
      },
    ],
  };
}
