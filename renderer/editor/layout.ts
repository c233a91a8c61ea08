/**
 * Auto-layout for the editor: `layoutOf` (dagre) inline for ordinary drills,
 * in a worker for big ones so the window stays responsive; inline again if
 * a worker cannot start.
 */
import { layoutOf, type LayoutOptions } from '../../shared/layout';
import type { Position, ScenarioBody } from '../../shared/model';

/** Above this many steps the layout runs in a worker. */
export const WORKER_LAYOUT_FROM = 300;

export function layoutInBackground(body: Pick<ScenarioBody, 'steps' | 'edges'>, options: LayoutOptions): Promise<Map<string, Position>> {
  const graph = { steps: body.steps.map(({ id }) => ({ id })), edges: body.edges.map(({ source, target }) => ({ source, target })) };
  if (body.steps.length < WORKER_LAYOUT_FROM || typeof Worker === 'undefined') return Promise.resolve(layoutOf(graph, options));
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(layoutOf(graph, options));
      return;
    }
    worker.onmessage = (event: MessageEvent<[string, Position][]>) => {
      worker.terminate();
      resolve(new Map(event.data));
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(layoutOf(graph, options));
    };
    worker.postMessage({ graph, options });
  });
}
