/**
 * Labels for step nodes and edges without `useTranslation` in each of them
 * (a 2,000-node canvas would build 2,000 translation wrappers): one
 * subscription to the language, and the strings of each language made once.
 */
import { useSyncExternalStore } from 'react';
import type { EdgeKind, StepKind } from '../../shared/model';
import type { Severity } from '../../shared/validation';
import { i18n } from '../i18n';

export type CanvasLabels = {
  kind: Record<StepKind, string>;
  severity: Record<Severity, string>;
  noCondition: string;
  questionMark: string;
  edge: Record<EdgeKind, string>;
  minutes: (count: number) => string;
};

const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};

const cache = new Map<string, CanvasLabels>();

function labelsOf(lng: string): CanvasLabels {
  let labels = cache.get(lng);
  if (!labels) {
    const t = (key: string, options: Record<string, unknown> = {}) => i18n.t(key, { ...options, lng });
    const minutes = new Map<number, string>();
    labels = {
      kind: { inject: t('kind.inject'), action: t('kind.action'), decision: t('kind.decision'), milestone: t('kind.milestone') },
      severity: { error: t('editor.findings.severity.error'), warning: t('editor.findings.severity.warning'), info: t('editor.findings.severity.info') },
      noCondition: t('editor.edge.noCondition'),
      questionMark: t('editor.questionMark'),
      edge: { sequence: t('flow.edge.sequence'), conditional: t('flow.edge.conditional') },
      minutes: (count) => {
        let text = minutes.get(count);
        if (text === undefined) minutes.set(count, (text = t('unit.minutes', { count })));
        return text;
      },
    };
    cache.set(lng, labels);
  }
  return labels;
}

/** The canvas labels in the current UI language; re-renders only when the language changes. */
export function useCanvasLabels(): CanvasLabels {
  return labelsOf(useSyncExternalStore(subscribe, () => i18n.language));
}
