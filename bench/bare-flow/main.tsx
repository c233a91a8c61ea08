/**
 * The library's own floor for the editor benchmark: React Flow with default
 * nodes and edges and nothing else, showing the same graph (positions and
 * edges from `graph.json`, served by the benchmark) with the same viewport
 * options as the editor's canvas.
 */
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

type Graph = { nodes: Node[]; edges: Edge[] };

void fetch('./graph.json')
  .then((response) => response.json() as Promise<Graph>)
  .then((graph) => {
    createRoot(document.getElementById('root')!).render(
      <ReactFlow defaultNodes={graph.nodes} defaultEdges={graph.edges} fitView onlyRenderVisibleElements minZoom={0.1} />,
    );
  });
