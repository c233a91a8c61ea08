/** The step node: one memoised component for all kinds, styled by kind; registered once at module scope. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../shared/model';

export type StepNodeData = { step: Step; roleChips: { id: string; name: string; color: string }[] };
export type StepNode = Node<StepNodeData, 'step'>;

function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  const { t } = useTranslation();
  const { step } = data;
  return (
    <div className={`step-node step-${step.kind}${selected ? ' selected' : ''}`} data-testid="step-node" data-step-id={step.id}>
      <Handle type="target" position={Position.Left} />
      <div className="step-kind">{t(`kind.${step.kind}`)}</div>
      <div className="step-title">{step.title}</div>
      <div className="step-meta">
        {step.durationMin !== null && <span className="step-duration">{t('unit.minutes', { count: step.durationMin })}</span>}
        {step.location && <span className="step-location">{step.location}</span>}
      </div>
      {data.roleChips.length > 0 && (
        <div className="role-chips">
          {data.roleChips.map((chip) => (
            <span key={chip.id} className="role-chip" style={{ borderColor: chip.color, color: chip.color }}>
              {chip.name}
            </span>
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

export const nodeTypes = { step: memo(StepNodeView) };
