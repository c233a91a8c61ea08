/** The roster (角色分工表) as a flow: every role with its people and contacts, then the command structure. */
import type { TFunction } from 'i18next';
import { abTextOf, assemblyTextOf, headcountTextOf, inPlaceTextOf } from '../../shared/docText';
import { ROSTER_COLUMNS, type CommandNode, type Roster, type RosterRole } from '../../shared/sheets';
import type { Flow, FlowPart } from './Paged';
import { drillFacts, InfoTable, Lines, SectionHeading, TitleBlock } from './docParts';

/** 序号 | 组别 | 角色/岗位 | 人员类别 | 标识 | 姓名 | 单位及职务 | 联系电话 | 呼号 | 主要职责 | 集合地点/时间 | 首次到位 | A/B 角 | 上级 (mm, landscape text width 267). */
const COLUMNS = [8, 18, 20, 13, 14, 14, 30, 22, 12, 38, 22, 22, 17, 17];

function RoleRows(props: { role: RosterRole; index: number; t: TFunction }) {
  const { role, index, t } = props;
  const people = role.people.length > 0 ? role.people : [null];
  const span = people.length;
  return (
    <>
      {people.map((person, i) => (
        <tr key={i} data-testid={i === 0 ? 'roster-role' : undefined}>
          {i === 0 && (
            <>
              <td rowSpan={span} className="doc-center">
                {index}
              </td>
              <td rowSpan={span}>{role.group}</td>
              <td rowSpan={span}>
                <b>{role.name}</b>
              </td>
              <td rowSpan={span}>
                {t(`category.${role.category}`)}
              </td>
              <td rowSpan={span}>{role.mark}</td>
            </>
          )}
          <td>{person?.name ?? '—'}</td>
          <td>{person?.unit ?? ''}</td>
          <td className="doc-nowrap">{person?.phone ?? ''}</td>
          <td>{person?.callSign ?? ''}</td>
          {i === 0 && (
            <>
              <td rowSpan={span}>
                <Lines text={role.responsibilities} />
              </td>
              <td rowSpan={span}>
                <Lines text={assemblyTextOf(role)} />
              </td>
              <td rowSpan={span} data-testid="roster-in-place">
                <Lines text={inPlaceTextOf(t, role)} />
              </td>
              <td rowSpan={span}>
                <Lines text={abTextOf(t, role)} />
              </td>
              <td rowSpan={span}>{role.reportsTo?.name ?? ''}</td>
            </>
          )}
        </tr>
      ))}
    </>
  );
}

/** The command tree as one line per role; the connector lines are drawn by CSS from the guides. */
function commandLines(nodes: CommandNode[], t: TFunction, side: string): FlowPart[] {
  const parts: FlowPart[] = [];
  /** `guides[d]`: whether the ancestor at depth d + 1 has a later sibling, so its line runs on past this row. */
  const walk = (list: CommandNode[], guides: boolean[], depth: number) => {
    list.forEach((node, i) => {
      const last = i === list.length - 1;
      parts.push({
        kind: 'block',
        key: `cmd-${side}-${node.role.id}`,
        node: (
          <div className={depth === 0 ? 'doc-tree-line doc-tree-root' : 'doc-tree-line'} data-testid="command-line">
            {guides.map((open, d) => (
              <span key={d} className={open ? 'doc-tree-guide open' : 'doc-tree-guide'} />
            ))}
            {depth > 0 && <span className={last ? 'doc-tree-elbow last' : 'doc-tree-elbow'} />}
            <span className="doc-tree-role">{node.role.name}</span>
            {node.role.group && node.role.group !== node.role.name && <span className="doc-tree-group">{node.role.group}</span>}
            {node.people.length > 0 && <span className="doc-tree-people">{node.people.join(t('listSep'))}</span>}
          </div>
        ),
      });
      walk(node.children, depth === 0 ? [] : [...guides, !last], depth + 1);
    });
  };
  walk(nodes, [], 0);
  return parts.length > 0 ? parts : [{ kind: 'block', key: `cmd-${side}-none`, node: <p className="doc-note">{t('print.sheet.none')}</p> }];
}

export function rosterFlow(roster: Roster, t: TFunction, language: string): Flow {
  const col = (key: string) => t(`print.roster.col.${key}`);
  return {
    key: 'roster',
    orientation: 'landscape',
    footer: `${roster.drill.title} · ${t('print.roster.footer')}`,
    runningHead: t('print.roster.running', { title: roster.drill.title }),
    parts: [
      { kind: 'block', key: 'title', node: <TitleBlock drillTitle={roster.drill.title} title={t('print.roster.title')} /> },
      { kind: 'block', key: 'drill', node: <InfoTable rows={drillFacts(roster.drill, t, language)} /> },
      // The headcount and the drill-only note before the list, never a page of their own after it.
      {
        kind: 'block',
        key: 'headcount',
        node: (
          <>
            <p className="doc-note" data-testid="roster-headcount">
              {headcountTextOf(t, roster.headcount)}
            </p>
            <p className="doc-note">{t('print.roster.drillOnly')}</p>
          </>
        ),
      },
      {
        kind: 'table',
        key: 'roles',
        className: 'doc-roster',
        columns: COLUMNS,
        head: (
          <tr>
            {ROSTER_COLUMNS.map((key) => (
              <th key={key}>{col(key)}</th>
            ))}
          </tr>
        ),
        units: roster.roles.map((role, i) => ({ key: role.id, node: <RoleRows role={role} index={i + 1} t={t} /> })),
      },
      { kind: 'block', key: 'command-heading', keepWithNext: true, breakBefore: true, node: <SectionHeading text={t('print.roster.commandHeading')} /> },
      { kind: 'block', key: 'drill-command', keepWithNext: true, node: <p className="doc-subheading">{t('print.roster.drillCommand')}</p> },
      ...commandLines(roster.drillCommand, t, 'drill'),
      { kind: 'block', key: 'response-command', keepWithNext: true, node: <p className="doc-subheading">{t('print.roster.responseCommand')}</p> },
      ...commandLines(roster.responseCommand, t, 'response'),
    ],
  };
}
