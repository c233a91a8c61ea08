/** A scenario: its graph on the canvas. */
import { Background, Controls, MiniMap, ReactFlow, type Edge as FlowEdge } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scenario } from '../../shared/model';
import { api } from '../api';
import { nodeTypes, type StepNode } from './nodes';

export function ScenarioScreen(props: { scenarioId: string; view: string }) {
  const { t } = useTranslation();
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.getScenario({ id: props.scenarioId }).then(setScenario, (e: Error) => setError(e.message));
  }, [props.scenarioId]);

  const { nodes, edges } = useMemo(() => {
    if (!scenario) return { nodes: [] as StepNode[], edges: [] as FlowEdge[] };
    const roles = new Map(scenario.roles.map((role) => [role.id, role]));
    return {
      nodes: scenario.steps.map(
        (step): StepNode => ({
          id: step.id,
          type: 'step',
          position: step.position,
          data: {
            step,
            roleChips: step.roleIds.flatMap((id) => {
              const role = roles.get(id);
              return role ? [{ id, name: role.name, color: role.color }] : [];
            }),
          },
        }),
      ),
      edges: scenario.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, label: edge.label || undefined })),
    };
  }, [scenario]);

  if (error) return <p className="error-state">{t('editor.loadFailed')} {error}</p>;
  if (!scenario) return <p className="muted">{t('state.loading')}</p>;
  return (
    <div className="scenario-screen">
      <div className="scenario-header">
        <h1 data-testid="scenario-title">{scenario.title}</h1>
      </div>
      <div className="canvas" data-testid="canvas">
        {scenario.steps.length === 0 && <p className="canvas-empty">{t('editor.empty')}</p>}
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView onlyRenderVisibleElements minZoom={0.1}>
          <Background />
          <Controls />
          <MiniMap pannable zoomable />
        </ReactFlow>
      </div>
    </div>
  );
}
