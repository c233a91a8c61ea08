/**
 * The edge between two steps: a curve with an arrow, and a label showing the
 * condition of a conditional edge and the lag ("+5 分钟") when there is one.
 * Memoised and registered once at module scope; it reads its own edge from
 * the store by id.
 */
import { BaseEdge, getBezierPath, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { createPortal } from 'react-dom';
import type { LinkFlowEdge } from './flow';
import { useCanvasLabels } from './labels';
import { select, useEditor } from './store';

/**
 * React Flow's label layer (`.react-flow__edgelabel-renderer`), found once by
 * the canvas. Portalling into it directly replaces `EdgeLabelRenderer`, whose
 * store selector queries the DOM for every label on every store update.
 */
export const EdgeLabelHost = createContext<HTMLElement | null>(null);

/**
 * Below this zoom a label's text is under ~4 px, too small to read: labels are
 * not drawn, which keeps the whole drill in view (hundreds of labels) cheap.
 */
export const LABEL_MIN_ZOOM = 0.4;
const labelsReadable = (state: ReactFlowState) => state.transform[2] >= LABEL_MIN_ZOOM;

function LinkEdge(props: EdgeProps<LinkFlowEdge>) {
  const labels = useCanvasLabels();
  const labelHost = useContext(EdgeLabelHost);
  const readable = useStore(labelsReadable);
  const found = useEditor((state) => state.edgeById.get(props.id));
  const edge = { kind: found?.kind ?? 'sequence', label: found?.label ?? '', lagMin: found?.lagMin ?? 0 };
  const [path, labelX, labelY] = getBezierPath(props);
  const conditional = edge.kind === 'conditional';
  const showLabel = readable && (conditional || edge.lagMin > 0 || edge.label !== '');
  return (
    <>
      <title>{labels.edge[edge.kind]}</title>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} interactionWidth={16} />
      {showLabel && labelHost && createPortal(
          <div
            className={`edge-label${conditional ? ' edge-label-conditional' : ''}${props.selected ? ' is-selected' : ''} nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-label"
            onClick={() => select({ stepIds: [], edgeIds: [props.id] })}
          >
            {(conditional || edge.label) && (
              <span className={edge.label ? 'edge-condition' : 'edge-condition edge-condition-missing'}>{edge.label || labels.noCondition}</span>
            )}
            {edge.lagMin > 0 && <span className="edge-lag">+{labels.minutes(edge.lagMin)}</span>}
          </div>,
          labelHost,
      )}
    </>
  );
}

/** Registered once, here. */
export const edgeTypes = { link: memo(LinkEdge) };
