/**
 * The live validation panel: the findings of `shared/validation.ts`, worst
 * first, in the UI language. Clicking one shows what it is about.
 */
import { useTranslation } from 'react-i18next';
import type { Finding, Severity } from '../../shared/validation';
import { Icon } from './icons';
import { centreOnStep, openDialog, openRole, revealStep, select, setPanel, useEditor } from './store';

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** Shows what a finding is about: its step or edge selected, centred and open in the inspector; its role in the roles panel; an objective in the metadata dialog. */
function reveal(finding: Finding) {
  if (finding.edgeId && !finding.stepId) {
    const edge = useEditor.getState().edgeById.get(finding.edgeId);
    select({ stepIds: [], edgeIds: [finding.edgeId] });
    setPanel('inspector');
    if (edge) centreOnStep(edge.source);
    return;
  }
  if (finding.stepId) {
    revealStep(finding.stepId);
    setPanel('inspector');
    return;
  }
  if (finding.roleId) {
    openRole(finding.roleId);
    return;
  }
  if (finding.objectiveId) openDialog('meta');
}

export function FindingsPanel() {
  const { t, i18n } = useTranslation();
  const findings = useEditor((state) => state.findings);
  const language = i18n.language === 'en' ? 'en' : 'zh';
  if (findings.length === 0)
    return (
      <div className="findings-panel findings-clean" data-testid="findings-panel">
        <Icon name="check" size={28} />
        <p>{t('editor.findings.none')}</p>
      </div>
    );
  const counts = ORDER.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const);
  const sorted = ORDER.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
  return (
    <div className="findings-panel" data-testid="findings-panel">
      <div className="findings-summary">
        {counts
          .filter(([, count]) => count > 0)
          .map(([severity, count]) => (
            <span key={severity} className={`finding-count finding-${severity}`}>
              {t(`editor.findings.count.${severity}`, { count })}
            </span>
          ))}
        <span className="muted small">{t('editor.findings.draftNote')}</span>
      </div>
      <ul className="finding-list">
        {sorted.slice(0, 500).map((finding, i) => (
          <li key={`${finding.ruleId}-${i}`}>
            <button type="button" className={`finding finding-${finding.severity}`} onClick={() => reveal(finding)} data-testid="finding" data-rule={finding.ruleId}>
              <Icon name={finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info'} size={14} />
              <span className="finding-message">{finding.message[language]}</span>
            </button>
          </li>
        ))}
      </ul>
      {sorted.length > 500 && <p className="muted small">{t('editor.findings.more', { count: sorted.length - 500 })}</p>}
    </div>
  );
}
