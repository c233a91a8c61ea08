/**
 * One evaluation form in the 评估 tab: its title, scoring scheme, pass mark
 * and instructions; its sections with their items as a table (number,
 * content, criterion, links, points) to select, reorder, add and delete;
 * printing and exporting the blank form.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evalFormRemovalOpsOf, evalSectionRemovalOpsOf } from '../../shared/evaluationOps';
import { EVAL_SCHEMES, EvalFormSchema, EvalItemSchema, EvalSectionSchema, type EvalForm, type EvalScheme } from '../../shared/model';
import { api } from '../api';
import { navigate } from '../app/router';
import { ConfirmDialog } from '../components/Dialog';
import { notify, notifyError } from '../components/toasts';
import { downloadBase64, XLSX_TYPE } from '../conduct/files';
import { NumberField, SelectField, TextField } from '../editor/fields';
import { newId } from '../editor/ids';
import { commit, flushSaves, useEditor } from '../editor/store';
import { requestPrintSelection } from '../print/PrintScreen';

const F = EvalFormSchema.shape;

function SectionBlock(props: { form: EvalForm; index: number; selectedItemId: string | null; onSelectItem: (id: string) => void }) {
  const { t } = useTranslation();
  const { form } = props;
  const section = form.sections[props.index];
  const points = form.scheme === 'points';
  const move = (itemIndex: number, delta: -1 | 1) => {
    const target = itemIndex + delta;
    if (target < 0 || target >= section.items.length) return;
    commit([{ op: 'moveEvalItem', id: section.items[itemIndex].id, sectionId: section.id, index: target }]);
  };
  const addItem = () => {
    const item = EvalItemSchema.parse({ id: newId('item'), content: t('evaluation.author.newItem') });
    if (commit([{ op: 'addEvalItem', sectionId: section.id, item }])) props.onSelectItem(item.id);
  };
  return (
    <section className="eval-section" data-testid="eval-section">
      <div className="eval-section-head">
        <span className="eval-section-n">{props.index + 1}</span>
        <TextField
          label={t('evaluation.author.sectionTitle', { n: props.index + 1 })}
          value={section.title}
          schema={EvalSectionSchema.shape.title}
          onValid={(title, burst) => commit([{ op: 'updateEvalSection', id: section.id, patch: { title } }], { mergeKey: `${section.id}:title:${burst}`, debounce: true })}
          testId="eval-section-title"
        />
        <button type="button" className="danger-quiet" onClick={() => commit(evalSectionRemovalOpsOf(useEditor.getState().body.evaluation, section.id))} data-testid="eval-remove-section">
          {t('evaluation.author.removeSection')}
        </button>
      </div>
      <table className="eval-items">
        <thead>
          <tr>
            <th className="eval-col-n">{t('evaluation.author.col.n')}</th>
            <th>{t('evaluation.author.col.content')}</th>
            <th>{t('evaluation.author.col.criterion')}</th>
            <th className="eval-col-links">{t('evaluation.author.col.links')}</th>
            {points && <th className="eval-col-points">{t('evaluation.author.col.points')}</th>}
            <th className="eval-col-actions" />
          </tr>
        </thead>
        <tbody>
          {section.items.map((item, i) => (
            <tr
              key={item.id}
              className={item.id === props.selectedItemId ? 'is-selected' : undefined}
              onClick={() => props.onSelectItem(item.id)}
              data-testid="eval-item-row"
              data-item-id={item.id}
            >
              <td className="eval-col-n">
                {props.index + 1}.{i + 1}
                {item.critical && <span className="eval-critical" title={t('evaluation.critical')}>★</span>}
              </td>
              <td>{item.content}</td>
              <td className="muted">{item.criterion}</td>
              <td className="eval-col-links small">
                {item.stepIds.length + item.objectiveIds.length === 0 ? (
                  <span className="eval-unlinked">{t('evaluation.author.noLinks')}</span>
                ) : (
                  t('evaluation.author.linkCount', { objectives: item.objectiveIds.length, steps: item.stepIds.length })
                )}
              </td>
              {points && <td className="eval-col-points">{item.maxPoints}{item.weight !== 1 ? ` ×${item.weight}` : ''}</td>}
              <td className="eval-col-actions" onClick={(event) => event.stopPropagation()}>
                <button type="button" className="icon-button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('evaluation.author.moveUp')} title={t('evaluation.author.moveUp')}>
                  ↑
                </button>
                <button type="button" className="icon-button" disabled={i === section.items.length - 1} onClick={() => move(i, 1)} aria-label={t('evaluation.author.moveDown')} title={t('evaluation.author.moveDown')}>
                  ↓
                </button>
                <button type="button" className="icon-button danger-quiet" onClick={() => commit([{ op: 'removeEvalItem', id: item.id }])} aria-label={t('evaluation.author.removeItem')} title={t('evaluation.author.removeItem')} data-testid="eval-remove-item">
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="link-button" onClick={addItem} data-testid="eval-add-item">
        + {t('evaluation.author.addItem')}
      </button>
    </section>
  );
}

export function FormEditor(props: { scenarioId: string; form: EvalForm; selectedItemId: string | null; onSelectItem: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const { form } = props;
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [busy, setBusy] = useState(false);
  const update = <K extends 'title' | 'description' | 'scheme' | 'passPercent'>(field: K) => (value: EvalForm[K], burst = '') =>
    commit([{ op: 'updateEvalForm', id: form.id, patch: { [field]: value } }], { mergeKey: burst ? `${form.id}:${field}:${burst}` : undefined, debounce: burst !== '' });
  const itemCount = form.sections.reduce((sum, section) => sum + section.items.length, 0);

  const exportXlsx = async () => {
    setBusy(true);
    try {
      await flushSaves();
      const file = await api.exportXlsx({ scenarioId: props.scenarioId, document: 'evaluation-form', formId: form.id, language: i18n.language.startsWith('en') ? 'en' : 'zh' });
      downloadBase64(file.fileName, file.base64, XLSX_TYPE);
      notify(t('print.savedXlsx', { name: file.fileName }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  const printBlank = async () => {
    await flushSaves();
    requestPrintSelection(['evaluation']);
    navigate({ screen: 'scenario', scenarioId: props.scenarioId, view: 'print' });
  };

  return (
    <div className="eval-form" data-testid="eval-form">
      <div className="eval-form-head">
        <TextField label={t('evaluation.author.title')} value={form.title} schema={F.title} onValid={update('title')} testId="eval-form-title" />
        <SelectField<EvalScheme>
          label={t('evaluation.author.schemeLabel')}
          value={form.scheme}
          options={EVAL_SCHEMES.map((scheme) => ({ value: scheme, label: t(`evaluation.scheme.${scheme}`) }))}
          onChange={(scheme) => update('scheme')(scheme)}
          testId="eval-form-scheme"
        />
        <NumberField
          label={t('evaluation.author.passPercent')}
          value={form.passPercent}
          schema={F.passPercent.unwrap()}
          unit="%"
          hint={t('evaluation.author.passHint')}
          onValid={(value, burst) => value !== null && update('passPercent')(value, burst)}
          testId="eval-form-pass"
        />
        <div className="eval-form-actions">
          <button type="button" onClick={() => void printBlank()} data-testid="eval-print-blank">
            {t('evaluation.author.printBlank')}
          </button>
          <button type="button" disabled={busy} onClick={() => void exportXlsx()} data-testid="eval-export-xlsx">
            {t('evaluation.author.exportXlsx')}
          </button>
          <button type="button" className="danger-quiet" onClick={() => setConfirmRemove(true)} data-testid="eval-remove-form">
            {t('evaluation.author.removeForm')}
          </button>
        </div>
      </div>
      <TextField label={t('evaluation.author.description')} value={form.description} schema={F.description.unwrap()} multiline rows={2} onValid={update('description')} testId="eval-form-description" />
      {form.sections.map((section, index) => (
        <SectionBlock key={section.id} form={form} index={index} selectedItemId={props.selectedItemId} onSelectItem={props.onSelectItem} />
      ))}
      <button
        type="button"
        onClick={() => commit([{ op: 'addEvalSection', formId: form.id, section: EvalSectionSchema.parse({ id: newId('sec'), title: t('evaluation.author.newSection') }) }])}
        data-testid="eval-add-section"
      >
        + {t('evaluation.author.addSection')}
      </button>
      {confirmRemove && (
        <ConfirmDialog
          title={t('evaluation.author.removeForm')}
          message={t('evaluation.author.confirmRemoveForm', { title: form.title, count: itemCount })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            commit(evalFormRemovalOpsOf(useEditor.getState().body.evaluation, form.id));
          }}
        />
      )}
    </div>
  );
}
