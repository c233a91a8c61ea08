/**
 * Long imports and exports while they run: what each is, how long it has run
 * against its time budget, and a button that stops it (the back end ends the
 * task's worker; nothing is written). Asks the back end only while a long
 * call of this window is out.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskInfo } from '../../shared/api';
import { api } from '../api';
import { useTasksInFlight } from '../api/tasks';

const POLL_MS = 400;

export function TaskBar() {
  const { t } = useTranslation();
  const inFlight = useTasksInFlight((state) => state.count);
  const [tasks, setTasks] = useState<TaskInfo[]>([]);
  const [cancelling, setCancelling] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (inFlight === 0) {
      setTasks([]);
      return;
    }
    let stopped = false;
    const poll = () =>
      api.listTasks({}).then(
        (listed) => {
          if (!stopped) setTasks(listed);
        },
        () => {},
      );
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [inFlight]);
  if (tasks.length === 0) return null;
  const cancel = (id: number) => {
    setCancelling((ids) => new Set(ids).add(id));
    void api.cancelTask({ id }).catch(() => {});
  };
  return (
    <section className="task-bar" aria-label={t('tasks.title')} data-testid="task-bar">
      {tasks.map((task) => (
        <div className="task" key={task.id} data-testid="task">
          <span className="task-name">
            {t(`tasks.method.${task.method}`)}
            {task.fileName ? `${t('colon')}${task.fileName}` : ''}
          </span>
          <progress max={task.budgetMs} value={Math.min(task.elapsedMs, task.budgetMs)} aria-label={t(`tasks.method.${task.method}`)} />
          <span className="task-time">{t('tasks.elapsed', { seconds: Math.floor(task.elapsedMs / 1000), budget: Math.round(task.budgetMs / 1000) })}</span>
          <button onClick={() => cancel(task.id)} disabled={cancelling.has(task.id)} data-testid="task-cancel">
            {cancelling.has(task.id) ? t('tasks.cancelling') : t('tasks.cancel')}
          </button>
        </div>
      ))}
    </section>
  );
}
