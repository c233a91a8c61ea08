/** The run as the console and the seats' pages show it: the wall clock, the plan order, and the log folded and settled at the clock. */
import { useEffect, useMemo, useState } from 'react';
import { effectiveEventsOf, type Run, type RunEvent } from '../../shared/model';
import { applyEvent, cloneRunState, initialRunState, settleRunState } from '../../shared/runState';
import { planOrderOf, scheduleOf } from '../../shared/schedule';

/** The wall clock, ticking every second. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The steps in planned order, and the state of the run at `now` (the fold redone only when the log changes). */
export function useRunState(run: Run | null, events: readonly RunEvent[], pending: readonly RunEvent[], now: number) {
  const plan = run?.plan ?? null;
  const order = useMemo(() => {
    if (!plan) return [];
    const schedule = scheduleOf(plan);
    return schedule.ok ? planOrderOf(plan, schedule) : plan.steps.map((step) => step.id);
  }, [plan]);
  const startMs = run ? Date.parse(run.startedAt) : 0;
  const folded = useMemo(() => {
    if (!plan) return null;
    const state = initialRunState(plan, startMs);
    for (const event of effectiveEventsOf([...events, ...pending])) applyEvent(state, event);
    return state;
  }, [plan, startMs, events, pending]);
  const state = useMemo(() => (folded ? settleRunState(cloneRunState(folded), Math.max(now, folded.t)) : null), [folded, now]);
  return { order, state };
}
