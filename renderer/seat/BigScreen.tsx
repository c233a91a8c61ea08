/**
 * The main venue's big screen (1920×1080, read-only): the clock, the phase,
 * the steps under way and late, and the timeline with a cursor at now. And
 * the observer's smaller summary of the same.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Run, RunEvent } from '../../shared/model';
import { plannedTimesOf, type RunStateAt } from '../../shared/runState';
import { clockAt, clockSecondsAt } from '../../shared/time';

type Board = { run: Run; state: RunStateAt; order: readonly string[]; now: number };

/** What the boards show: steps under way, late ones, counts, and the current phase. */
function boardOf({ run, state, order }: Board) {
  const steps = new Map(run.plan.steps.map((step) => [step.id, step]));
  const ordered = order.flatMap((id) => {
    const step = steps.get(id);
    const s = state.steps.get(id);
    return step && s ? [{ step, state: s }] : [];
  });
  const underWay = ordered.filter((item) => item.state.status === 'under-way');
  const late = ordered.filter((item) => item.state.late && item.state.status !== 'done');
  const done = ordered.filter((item) => item.state.status === 'done').length;
  const waiting = ordered.filter((item) => item.state.status === 'waiting' || item.state.status === 'ready').length;
  const phase = (underWay[0] ?? ordered.find((item) => item.state.status === 'waiting' || item.state.status === 'ready'))?.step.phase ?? '';
  return { ordered, underWay, late, done, waiting, phase };
}

export function BigScreen(props: Board & { status: ReactNode }) {
  const { t } = useTranslation();
  const zone = props.run.plan.timeZone;
  const board = boardOf(props);
  const times = board.ordered.flatMap((item) => {
    const planned = plannedTimesOf(props.state, item.step.id);
    return planned ? [{ ...item, start: item.state.startedAt ?? planned.start, finish: item.state.finishedAt ?? Math.max(planned.finish, item.state.startedAt ?? planned.start) }] : [];
  });
  const from = Math.min(Date.parse(props.run.startedAt), ...times.map((item) => item.start));
  const to = Math.max(from + 60_000, props.now, ...times.map((item) => item.finish));
  const x = (ms: number) => `${(((ms - from) / (to - from)) * 100).toFixed(2)}%`;
  return (
    <div className="big-screen" data-testid="big-screen">
      <header className="big-head">
        <span className="big-title">{props.run.plan.title}</span>
        <span className="big-clock" data-testid="big-clock">{clockSecondsAt(props.now, zone)}</span>
        {props.status}
      </header>
      <div className="big-phase">
        {t('conduct.seatPage.phase')}：<span data-testid="big-phase">{board.phase || t('conduct.seatPage.none')}</span>
      </div>
      <div className="big-columns">
        <section data-testid="big-under-way">
          <h2>{t('conduct.seatPage.underWay')}</h2>
          {board.underWay.length === 0 ? <p className="muted">{t('conduct.seatPage.none')}</p> : board.underWay.map((item) => <p key={item.step.id} data-step-id={item.step.id}>{item.step.title}</p>)}
        </section>
        <section data-testid="big-late">
          <h2>{t('conduct.seatPage.late')}</h2>
          {board.late.length === 0 ? <p className="muted">{t('conduct.seatPage.none')}</p> : board.late.map((item) => <p key={item.step.id} className="big-late-item" data-step-id={item.step.id}>{item.step.title}</p>)}
        </section>
      </div>
      <section className="big-timeline" data-testid="big-timeline" aria-label={t('conduct.seatPage.timeline')}>
        <div className="big-track">
          {times.map((item) => (
            <span key={item.step.id} className={`big-bar big-${item.state.status}${item.state.late ? ' big-bar-late' : ''}`} style={{ left: x(item.start), width: `max(2px, calc(${x(item.finish)} - ${x(item.start)}))` }} title={item.step.title} />
          ))}
          <span className="big-cursor" data-testid="big-cursor" style={{ left: x(props.now) }} />
        </div>
        <div className="big-axis">
          <span>{clockAt(from, zone)}</span>
          <span>{clockAt(to, zone)}</span>
        </div>
      </section>
    </div>
  );
}

export function SummaryBoard(props: Board & { events: readonly RunEvent[] }) {
  const { t } = useTranslation();
  const zone = props.run.plan.timeZone;
  const board = boardOf(props);
  const steps = new Map(props.run.plan.steps.map((step) => [step.id, step.title]));
  const recent = [...props.events].filter((event) => event.supersededBy === null).slice(-8).reverse();
  return (
    <div className="summary-board" data-testid="summary-board">
      <p className="seat-clock">{clockSecondsAt(props.now, zone)} · {board.phase || t('conduct.seatPage.none')}</p>
      <dl className="summary-counts">
        <div><dt>{t('conduct.seatPage.summary.done')}</dt><dd data-testid="summary-done">{board.done}</dd></div>
        <div><dt>{t('conduct.seatPage.summary.underWay')}</dt><dd data-testid="summary-under-way">{board.underWay.length}</dd></div>
        <div><dt>{t('conduct.seatPage.summary.late')}</dt><dd data-testid="summary-late">{board.late.length}</dd></div>
        <div><dt>{t('conduct.seatPage.summary.waiting')}</dt><dd>{board.waiting}</dd></div>
      </dl>
      <h2>{t('conduct.seatPage.recent')}</h2>
      <ol className="summary-recent">
        {recent.map((event) => (
          <li key={event.seq} data-seq={event.seq}>
            {clockSecondsAt(Date.parse(event.at), zone)} {t(`conduct.eventKind.${event.kind}`)}
            {event.stepId ? ` · ${steps.get(event.stepId) ?? event.stepId}` : ''}
            {event.text ? ` · ${event.text}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}
