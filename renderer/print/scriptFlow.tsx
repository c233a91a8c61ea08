/**
 * The drill script (演练脚本) as a flow, in the column layout of Chinese
 * practice: 时间 | 参演角色 | 情景内容 / 处置动作 | 报告指令(对白) | 预期结果 | 备注,
 * numbered, with each decision's alternatives pointing at the rows they go on to.
 */
import type { TFunction } from 'i18next';
import { scriptGroupsOf, type DrillScript, type ScriptRow } from '../../shared/sheets';
import type { Flow } from './Paged';
import { drillFacts, InfoTable, Lines, TimeCell, TitleBlock } from './docParts';

/**
 * 序号 | 时间 | 参演角色 | 情景内容 / 处置动作 | 预期结果 · 备注 (mm, landscape text
 * width 267; the last column stacks the expected result, place, resources
 * and notes, as the role sheets do), and under each step its 报告指令（对白）
 * across the last three columns, one row per speaker's turn. A step is either a scene (an inject)
 * or an action, so one wide column holds whichever it is, marked by its
 * kind (two narrow columns of which one always stood empty made every row
 * twice as tall), and the dialogue no longer sets the height of the row
 * beside it. A page may break between turns: the turns carried over are
 * marked 「（续）」 under the step's number.
 */
const COLUMNS = [8, 15, 24, 130, 90];

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
      {row.expectedResult && (
        <div className="doc-lines">
          <b className="doc-fact-label">{t('print.script.expectedLabel')}</b>
          {row.expectedResult}
        </div>
      )}
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
        <td colSpan={3}>
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
      <td>{row.roleNames.join(t('listSep'))}</td>
      <td>
        <Conditions row={row} t={t} />
        <div className="doc-task-title">
          {row.kind !== 'action' && <span className={`doc-kind doc-kind-${row.kind}`}>{t(`kind.${row.kind}`)}</span>}
          {row.title}
        </div>
        <Lines text={row.description} />
        {inject && row.deliveryMethod && <div className="doc-small">{t('print.script.delivery', { method: row.deliveryMethod })}</div>}
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
      </td>
      <td>
        <Notes row={row} t={t} />
      </td>
    </tr>
  );
}

/** A step's dialogue by speaker's turn (its non-empty lines). */
const dialogueLinesOf = (row: ScriptRow) => row.dialogue.split('\n').filter((line) => line.trim() !== '');

/**
 * One turn of a step's dialogue, under the step; opening a page it repeats
 * the step's number, marked 「（续）」 (one line each, so the row is as tall
 * as measured).
 */
function DialogueRow(props: { row: ScriptRow; line: string; first: boolean; continued?: boolean; t: TFunction }) {
  const { row, t } = props;
  return (
    <tr className={`doc-row doc-row-${row.kind} doc-dialogue-row`} data-testid={props.continued ? 'script-row-continued' : undefined}>
      <td className="doc-center">{props.continued && row.index}</td>
      <td className="doc-continued">{props.continued && t('print.script.continued')}</td>
      <td colSpan={3} className="doc-lines doc-dialogue-text">
        {props.first && <span className="doc-kind doc-kind-dialogue">{t('print.script.col.dialogue')}</span>}
        {props.line}
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
            {['no', 'time', 'roles', 'sceneAction', 'expectedNotes'].map((key) => (
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
                    <td colSpan={5}>{group.phase}</td>
                  </tr>
                  <ScriptRowView row={row} t={t} />
                </>
              ) : (
                <ScriptRowView row={row} t={t} />
              ),
            rows: dialogueLinesOf(row).map((line, n) => ({
              node: <DialogueRow row={row} line={line} first={n === 0} t={t} />,
              continued: <DialogueRow row={row} line={line} first={n === 0} continued t={t} />,
            })),
          })),
        ),
      },
    ],
  };
}
