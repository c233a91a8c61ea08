/** The drill's opening view on the canvas, computed from the canvas's size and the steps' measured sizes. */
import { openingViewportOf, type SizeOf, type Viewport } from '../../shared/viewport';
import { flowInstance, useEditor } from './store';

/** Shows the drill as it opens: all of it when readable, else from its first step at a readable zoom. Returns the view set. */
export function showDrill(duration = 0): Viewport | null {
  const flow = flowInstance();
  const element = document.querySelector('.editor-canvas .react-flow');
  if (!flow || !element) return null;
  const { width, height } = element.getBoundingClientRect();
  const sizeOf: SizeOf = (id) => {
    const measured = flow.getInternalNode(id)?.measured;
    return measured?.width && measured.height ? { width: measured.width, height: measured.height } : undefined;
  };
  const { steps, edges } = useEditor.getState().body;
  const viewport = openingViewportOf(steps, edges, width, height, sizeOf);
  void flow.setViewport(viewport, { duration });
  return viewport;
}
