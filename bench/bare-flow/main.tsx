/**
 * The library's own floor for the editor benchmark: React Flow with default
 * nodes and edges and nothing else, showing the same graph (positions and
 * edges from `graph.json`, served by the benchmark) on the same view as the
 * editor opened on: `?x=&y=&zoom=` give the viewport (fit to the graph
 * without them), `?width=&height=` the canvas size in pixels (the whole
 * window without them), `?minZoom=` the zoom limit (0.1 by default).
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

type Graph = { nodes: Node[]; edges: Edge[] };

const params = new URLSearchParams(window.location.search);
const number = (name: string) => (params.has(name) ? Number(params.get(name)) : null);
const [x, y, zoom] = [number('x'), number('y'), number('zoom')];
const viewport = x !== null && y !== null && zoom !== null ? { x, y, zoom } : null;
const minZoom = Math.min(number('minZoom') ?? 0.1, viewport?.zoom ?? 1);
const size = { width: number('width') ?? '100%', height: number('height') ?? '100%' };

void fetch('./graph.json')
  .then((response) => response.json() as Promise<Graph>)
  .then((graph) => {
    createRoot(document.getElementById('root')!).render(
      <div style={size}>
        {viewport ? (
          <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} defaultViewport={viewport} onlyRenderVisibleElements minZoom={minZoom} />
        ) : (
          <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} fitView onlyRenderVisibleElements minZoom={minZoom} />
        )}
      </div>,
    );
  });
