/**
 * The drill script (演练脚本) as a flow, with the contents of the column
 * layout of Chinese practice (时间, 参演角色, 情景内容 / 处置动作, 报告指令(对白),
 * 预期结果, 备注) set in four columns, numbered, with each decision's alternatives pointing at the rows they go on to.
 */
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { scriptGroupsOf, type DrillScript, type ScriptRow } from '../../shared/sheets';
import type { Flow } from './Paged';
import { drillFacts, InfoTable, TitleBlock } from './docParts';

/**
 * 序号 | 时间 (/ 情景时间) / 参演角色 | 情景内容 / 处置动作 · 报告指令（对白） | 预期结果 · 备注
 * (mm, landscape text width 273 within the script's narrower margins). The
 * narrow column holds when (start–end on one line, the T+ offset) and who
 * (the roles under it), so neither needs a column of its own that stands
 * mostly empty. The wide column holds the step as paragraphs: its kind,
 * title and description run on (no line for the title alone), the
 * decision's question and alternatives, then its 报告指令（对白）, one
 * paragraph per speaker's turn; the last column the expected result, then
 * place, resources and notes run on, as the role sheets stack them. A step is
 * either a scene (an inject) or an action, so one wide column holds whichever
 * it is, marked by its kind. A page may break between a step's paragraphs:
 * the part that opens the next page repeats the step's number, marked
 * 「（续）」, and carries what is left of both text columns.
 */
const COLUMNS = [8, 26, 169, 70];

/** Narrower margins than other landscape pages (13 / 15 mm), and no running head (its header row repeats, its footer names it): the script is one wide table. */
const MARGINS = { top: 8, right: 12, bottom: 11, left: 12 };

/**
 * The time and who takes part, in one narrow column: start–end on one line;
 * under it the T+ offset when the start is a clock time (beside a single
 * time, a milestone's), or in its place the step's scenario time (情景时间,
 * set apart in 楷体 and explained once in the head table) when the drill
 * compresses time (the clock already says the T+); then the roles.
 */
function TimeRoles(props: { row: ScriptRow; t: TFunction }) {
  const { row, t } = props;
  const time = row.time;
  const single = time !== null && time.end === time.start;
  const offset = time?.isClock && !row.scenarioTime ? time.offset : '';
  return (
    <>
      {time ? (
        <div className="doc-nowrap">
          <span className="doc-time">{time.start}</span>
          {single ? offset && <span className="doc-offset"> {offset}</span> : <span className="doc-time-end">–{time.end}</span>}
        </div>
      ) : (
        <div className="doc-muted">—</div>
      )}
      {row.scenarioTime ? (
        <div className="doc-scene-time" data-testid="script-scene-time">
          {row.scenarioTime}
        </div>
      ) : (
        !single && offset && <div className="doc-offset">{offset}</div>
      )}
      {row.kind !== 'milestone' && row.roleNames.length > 0 && <div className="doc-script-roles">{row.roleNames.join(t('listSep'))}</div>}
    </>
  );
}

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

/** The last column's paragraphs: the expected result, then place, resources and notes run on as one small paragraph. */
function notesOf(row: ScriptRow, t: TFunction): ReactNode[] {
  const more = [row.location && `${t('print.script.place')}${row.location}`, row.resources && `${t('print.script.resources')}${row.resources}`, row.notes.trim()]
    .filter(Boolean)
    .join(t('print.script.runOnSep'));
  return [row.expectedResult && <div className="doc-lines">{row.expectedResult}</div>, more && <div className="doc-lines doc-small">{more}</div>].filter(Boolean);
}

/** A step's dialogue by speaker's turn (its non-empty lines). */
const dialogueLinesOf = (row: ScriptRow) => row.dialogue.split('\n').filter((line) => line.trim() !== '');

/**
 * The paragraphs of a step's wide column, in order; a page may break between
 * any two. The first holds the conditions, the kind, the title and the
 * description's first paragraph; each later paragraph of the description,
 * the question, the alternatives and each turn of the dialogue is one more.
 */
function paragraphsOf(row: ScriptRow, t: TFunction): ReactNode[] {
  const [lead = '', ...more] = row.description.split('\n').filter((line) => line.trim() !== '');
  const paragraphs: ReactNode[] = [
    <>
      <Conditions row={row} t={t} />
      <div className="doc-script-lead">
        {row.kind !== 'action' && <span className={`doc-kind doc-kind-${row.kind}`}>{t(`kind.${row.kind}`)}</span>}
        <b className="doc-script-title">{row.title}</b>
        {lead}
        {row.kind === 'inject' && row.deliveryMethod && <span className="doc-small">{t('bracketed', { text: t('print.script.delivery', { method: row.deliveryMethod }) })}</span>}
      </div>
    </>,
    ...more.map((line) => <div className="doc-script-more">{line}</div>),
  ];
  if (row.question)
    paragraphs.push(
      <div className="doc-question">
        <b>{t('print.script.question')}</b>
        {row.question}
      </div>,
    );
  if (row.branches.length > 0)
    paragraphs.push(<div className="doc-branches">{row.branches.map((branch) => t('print.script.branchTo', { label: branch.label, index: branch.targetIndex })).join(t('print.script.runOnSep'))}</div>);
  dialogueLinesOf(row).forEach((line, i) =>
    paragraphs.push(
      <div className={`doc-script-turn${i === 0 ? ' doc-script-turn-first' : ''}`}>
        {i === 0 && <span className="doc-kind doc-kind-dialogue">{t('print.script.dialogueTag')}</span>}
        {line}
      </div>,
    ),
  );
  return paragraphs;
}

function MilestoneRow(props: { row: ScriptRow; t: TFunction }) {
  const { row, t } = props;
  return (
    <tr className="doc-row doc-row-milestone" data-testid="script-row">
      <td className="doc-center">{row.index}</td>
      <td>
        <TimeRoles row={row} t={t} />
      </td>
      <td colSpan={2}>
        <Conditions row={row} t={t} />
        <span className="doc-milestone">◆ {t('print.script.milestone')}{t('colon')}{row.title}</span>
        {row.roleNames.length > 0 && <span className="doc-milestone-roles">{t('bracketed', { text: row.roleNames.join(t('listSep')) })}</span>}
        {row.expectedResult && <span className="doc-milestone-result">{row.expectedResult}</span>}
      </td>
    </tr>
  );
}

/** Where a step breaks: how many paragraphs of its wide column and of its last column stay before the break. */
type Cut = { text: number; notes: number };

/**
 * A step's row: the paragraphs before the cut (`head`, with its time and
 * roles) or after it (`tail`, opening a page: only the step's number and
 * 「（续）」); the whole step with no cut.
 */
function StepRow(props: { row: ScriptRow; text: ReactNode[]; notes: ReactNode[]; cut?: Cut; side?: 'head' | 'tail'; t: TFunction }) {
  const { row, t, cut } = props;
  const tail = props.side === 'tail';
  const pick = (paragraphs: ReactNode[], at: number | undefined) =>
    (at === undefined ? paragraphs : tail ? paragraphs.slice(at) : paragraphs.slice(0, at)).map((paragraph, i) => <Fragment key={i}>{paragraph}</Fragment>);
  return (
    <tr className={`doc-row doc-row-${row.kind}${tail ? ' doc-row-continued' : ''}`} data-testid={tail ? 'script-row-continued' : 'script-row'}>
      <td className="doc-center">{row.index}</td>
      <td className={tail ? 'doc-continued' : undefined}>{tail ? t('print.script.continued') : <TimeRoles row={row} t={t} />}</td>
      <td>{pick(props.text, cut?.text)}</td>
      <td>{pick(props.notes, cut?.notes)}</td>
    </tr>
  );
}

/**
 * The ways a step may break: after any paragraph of its wide column, and in
 * the last column after its first paragraph (the expected result) or after
 * all of it. The head always keeps the first paragraph of both columns (the
 * title, the expected result); the tail is never empty.
 */
function cutsOf(text: number, notes: number): Cut[] {
  const cuts: Cut[] = [];
  for (let k = 1; k <= text; k++)
    for (let m = Math.min(1, notes); m <= notes; m++) if (k < text || m < notes) cuts.push({ text: k, notes: m });
  return cuts;
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
  const sceneTimes = script.rows.filter((row) => row.scenarioTime !== '');
  if (sceneTimes.length > 0)
    facts.push({
      label: col('sceneTime'),
      value: t('print.script.sceneTimeNote', { from: sceneTimes[0].scenarioTime, to: sceneTimes[sceneTimes.length - 1].scenarioTime }),
      wide: true,
    });
  return {
    key: 'script',
    orientation: 'landscape',
    margins: MARGINS,
    footer: `${script.drill.title} · ${t('print.script.footer')}`,
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
            {['no', 'timeRoles', 'sceneDialogue', 'expectedNotes'].map((key) => (
              <th key={key}>{col(key)}</th>
            ))}
          </tr>
        ),
        // A phase heading row travels with the first row of its phase (or the first part of it), so a heading never ends a page.
        units: scriptGroupsOf(script.rows).flatMap((group) =>
          group.rows.map((row, i) => {
            const phase = i === 0 && group.phase !== '' && (
              <tr className="doc-phase-row" data-testid="script-phase">
                <td colSpan={4}>{group.phase}</td>
              </tr>
            );
            const withPhase = (node: ReactNode) => (
              <>
                {phase}
                {node}
              </>
            );
            if (row.kind === 'milestone') return { key: row.id, node: withPhase(<MilestoneRow row={row} t={t} />) };
            const text = paragraphsOf(row, t);
            const notes = notesOf(row, t);
            return {
              key: row.id,
              node: withPhase(<StepRow row={row} text={text} notes={notes} t={t} />),
              splits: cutsOf(text.length, notes.length).map((cut) => ({
                head: withPhase(<StepRow row={row} text={text} notes={notes} cut={cut} side="head" t={t} />),
                tail: <StepRow row={row} text={text} notes={notes} cut={cut} side="tail" t={t} />,
              })),
            };
          }),
        ),
      },
    ],
  };
}
