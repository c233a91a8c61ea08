/** Runs `layoutOf` off the main thread: dagre on a 2,000-step drill takes seconds, and the window should not freeze meanwhile. */
import { layoutOf, type LayoutOptions } from '../../shared/layout';
import type { Edge, Step } from '../../shared/model';

type Request = { graph: { steps: Pick<Step, 'id'>[]; edges: Pick<Edge, 'source' | 'target'>[] }; options: LayoutOptions };

self.onmessage = (event: MessageEvent<Request>) => {
  const positions = layoutOf(event.data.graph, event.data.options);
  self.postMessage([...positions]);
};
