/**
 * Long calls (imports and exports, `TASK_METHODS`) the renderer is waiting
 * for: counted here as they leave through the transport, so the task bar
 * asks the back end for progress only while one is out.
 */
import { create } from 'zustand';
import { TASK_METHODS, type ApiMethod, type DrillTransport } from '../../shared/api';

export const useTasksInFlight = create<{ count: number }>(() => ({ count: 0 }));

const isTask = (method: string) => (TASK_METHODS as readonly string[]).includes(method);

/** The same transport, counting the long calls in flight. */
export function countingTasks(transport: DrillTransport): DrillTransport {
  const counted = { ...transport } as Record<ApiMethod, (arg: unknown) => Promise<unknown>>;
  for (const method of Object.keys(transport) as ApiMethod[]) {
    if (!isTask(method)) continue;
    const send = transport[method] as (arg: unknown) => Promise<unknown>;
    counted[method] = async (arg) => {
      useTasksInFlight.setState((state) => ({ count: state.count + 1 }));
      try {
        return await send(arg);
      } finally {
        useTasksInFlight.setState((state) => ({ count: state.count - 1 }));
      }
    };
  }
  return counted as unknown as DrillTransport;
}
