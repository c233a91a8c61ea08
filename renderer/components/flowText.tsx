/**
 * React Flow's own texts (its zoom buttons, the minimap, connection points,
 * the screen-reader help for nodes and edges) from the catalogue, in the UI
 * language: passed as `ariaLabelConfig` to every canvas. And its credit,
 * shown as plain text: its own credit is a link with an English label, and
 * the desktop app opens no links to other sites.
 */
import { Panel, type AriaLabelConfig } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** One config object per language, so React Flow's store is updated only when the language changes. */
export function useFlowAriaLabels(): AriaLabelConfig {
  const { t, i18n } = useTranslation();
  return useMemo(
    (): AriaLabelConfig => ({
      'node.a11yDescription.default': t('flow.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('flow.nodeHelpMove'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('flow.nodeMoved', { direction: t(`flow.direction.${direction}`), x, y }),
      'edge.a11yDescription.default': t('flow.edgeHelp'),
      'controls.ariaLabel': t('flow.controls'),
      'controls.zoomIn.ariaLabel': t('flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('flow.zoomOut'),
      'controls.fitView.ariaLabel': t('flow.fitView'),
      'controls.interactive.ariaLabel': t('flow.interactive'),
      'minimap.ariaLabel': t('flow.minimap'),
      'handle.ariaLabel': t('flow.handle'),
    }),
    // The texts change with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
}

/**
 * No `aria-label` from React Flow, whose default is English ("Edge from a to
 * b"): it leaves the attribute out for `null` (EdgeWrapper), although its type
 * says string. The edge names itself with an SVG title in the UI language.
 */
export const NO_FLOW_ARIA_LABEL = null as unknown as string;

/** React Flow's credit in the corner of a canvas (pass `proOptions={HIDE_FLOW_CREDIT}` so its own is not shown too). */
export function FlowCredit() {
  return (
    <Panel position="bottom-right" className="react-flow__attribution">
      <span className="flow-credit">React Flow</span>
    </Panel>
  );
}
export const HIDE_FLOW_CREDIT = { hideAttribution: true };
