/**
 * The run's events beside the graph, scrolling with t: the latest event at
 * or before t is highlighted and kept in view; clicking an event moves t to
 * it. Only the rows in view are drawn, so a 100,000-event log scrolls as
 * lightly as a short one.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placedItemsOf } from '../../shared/evaluation';
import { evalItemLabelOf, type RunEvent, type ScenarioBody } from '../../shared/model';
import { clockSecondsAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { ratingLabelOf } from '../evaluation/labels';
import { offsetOf } from './format';
import { pause, seek, useReplay } from './store';

const ROW_PX = 50;
const OVERSCAN = 6;

export function EventList(props: {
  events: readonly RunEvent[];
  plan: ScenarioBody;
  startMs: number;
  seatNames?: Readonly<Record<string, string>>;
  /** How many photos each record holds, by seq (`photoCountsOf`). */
  photoCounts?: ReadonlyMap<number, number>;
}) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { events, plan } = props;
  const current = useReplay((state) => state.currentEvent);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const { steps, roles, edges, items } = useMemo(
    () => ({
      steps: new Map(plan.steps.map((step) => [step.id, step.title])),
      roles: new Map(plan.roles.map((role) => [role.id, role.name])),
      edges: new Map(plan.edges.map((edge) => [edge.id, edge])),
      items: new Map(placedItemsOf(plan.evaluation).map((placed) => [placed.item.id, placed])),
    }),
    [plan],
  );

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // Keep the current event in view, a third of the way down.
  // (Reads the scroll position and height kept in state, not the element's, so following costs no layout.)
  const view = useRef({ scrollTop, height });
  view.current = { scrollTop, height };
  useEffect(() => {
    const element = scroller.current;
    if (!element || current < 0) return;
    const top = current * ROW_PX;
    const { scrollTop: shownFrom, height: shown } = view.current;
    if (top < shownFrom || top + ROW_PX > shownFrom + shown) {
      const next = Math.max(0, top - shown / 3);
      element.scrollTop = next;
      setScrollTop(next);
    }
  }, [current]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(events.length, Math.ceil((scrollTop + height) / ROW_PX) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const event = events[i];
    const at = Date.parse(event.at);
    const edge = event.edgeId ? edges.get(event.edgeId) : undefined;
    const item = event.itemId ? items.get(event.itemId) : undefined;
    const detail = [
      item ? `${item.number} ${evalItemLabelOf(item.item)}${event.value ? ` · ${ratingLabelOf(t, item.form.scheme, event.value)}` : ''}` : null,
      event.person || null,
      event.roleId ? roles.get(event.roleId) : null,
      edge ? `→ ${edge.label || steps.get(edge.target) || ''}` : null,
      event.kind === 'plan-shifted' && event.shiftMin !== null ? t('replay.events.shift', { minutes: event.shiftMin }) : null,
      event.text && !(edge && event.text === edge.label) ? event.text : null,
    ]
      .filter(Boolean)
      .join(' · ');
    rows.push(
      <button
        key={event.seq}
        type="button"
        className={`event-row kind-${event.kind}${i === current ? ' is-current' : i > current ? ' is-future' : ''}`}
        style={{ top: i * ROW_PX, height: ROW_PX }}
        onClick={() => {
          pause();
          seek(at);
        }}
        data-testid="replay-event"
        data-current={i === current ? 'true' : undefined}
        data-kind={event.kind}
        title={`${clockSecondsAt(at, zone)} ${t(`replay.eventKind.${event.kind}`)} ${event.stepId ? (steps.get(event.stepId) ?? '') : ''}\n${detail}`}
      >
        <span className="event-time">
          <b>{clockSecondsAt(at, zone)}</b>
          <small>{offsetOf(at, props.startMs)}</small>
        </span>
        <span className="event-main">
          <span className="event-head">
            <span className={`event-kind ek-${event.kind}`}>{t(`replay.eventKind.${event.kind}`)}</span>
            {event.stepId && <span className="event-step">{steps.get(event.stepId) ?? event.stepId}</span>}
            {event.corrects !== null && <span className="event-corrected">{t('replay.events.corrected')}</span>}
            {event.seatId !== null && (
              <span className="event-seat" data-testid="replay-event-seat">
                {props.seatNames?.[event.seatId] ?? t('conduct.seats.unknownSeat')}
              </span>
            )}
            {(props.photoCounts?.get(event.seq) ?? 0) > 0 && (
              <span className="event-photos" data-testid="replay-event-photos" data-count={props.photoCounts!.get(event.seq)}>
                {t('replay.events.photos', { count: props.photoCounts!.get(event.seq) })}
              </span>
            )}
          </span>
          {detail && <span className="event-detail">{detail}</span>}
        </span>
      </button>,
    );
  }

  return (
    <div className="event-list" ref={scroller} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} data-testid="replay-events">
      {events.length === 0 && <p className="muted event-empty">{t('replay.events.empty')}</p>}
      <div className="event-spacer" style={{ height: events.length * ROW_PX }}>
        {rows}
      </div>
    </div>
  );
}
