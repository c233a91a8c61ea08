/** The home screen: every drill, searchable; create, copy from a template, import, open, duplicate, delete. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../shared/api';
import type { ScenarioSummary } from '../../shared/model';
import { readableDateTimeAt } from '../../shared/time';
import { api } from '../api';
import { navigate } from '../app/router';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { isSubmitKey } from '../components/keys';
import { notify, notifyError } from '../components/toasts';
import { BackupsButton } from '../backups/BackupsDialog';
import { readBase64 } from '../conduct/files';
import { isPlanFile, PLAN_FILE_ACCEPT, PlanImportButton, PlanImportFlow } from '../conduct/PlanImportButton';

function NewScenarioDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(t('home.defaultTitle'));
  const create = async () => {
    try {
      const scenario = await api.createScenario({ meta: { title } });
      notify(t('home.created', { title: scenario.title }));
      navigate({ screen: 'scenario', scenarioId: scenario.id, view: 'editor' });
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Dialog
      title={t('home.newTitle')}
      onClose={props.onClose}
      testId="new-scenario-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={title.trim() === ''} onClick={() => void create()} data-testid="create-scenario">
            {t('action.create')}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{t('home.titleLabel')}</span>
        <input
          autoFocus
          value={title}
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
          onKeyDown={(event) => isSubmitKey(event) && title.trim() !== '' && void create()}
          data-testid="new-scenario-title"
        />
      </label>
    </Dialog>
  );
}

function TemplateDialog(props: { onClose: () => void; onCreated: () => void }) {
  const { t, i18n } = useTranslation();
  const [templates, setTemplates] = useState<Template[] | null>(null);
  useEffect(() => {
    api.listTemplates({}).then(setTemplates, notifyError);
  }, []);
  const create = async (template: Template) => {
    try {
      const summary = await api.createFromTemplate({ templateId: template.id });
      notify(t('home.created', { title: summary.title }));
      props.onCreated();
      navigate({ screen: 'scenario', scenarioId: summary.id, view: 'editor' });
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Dialog title={t('home.newFromTemplate')} onClose={props.onClose} wide testId="template-dialog">
      {templates === null ? (
        <p>{t('state.loading')}</p>
      ) : (
        <ul className="template-list">
          {templates.map((template) => (
            <li key={template.id}>
              <button className="template" onClick={() => void create(template)} data-testid={`template-${template.id}`}>
                <strong>{i18n.language === 'en' && template.titleEn ? template.titleEn : template.title}</strong>
                <span className="muted">{t('home.templateSteps', { count: template.stepCount })}</span>
                {i18n.language === 'en' && template.summaryEn && <span className="template-summary">{template.summaryEn}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

function ScenarioCard(props: { scenario: ScenarioSummary; onDelete: () => void; onDuplicate: () => void }) {
  const { t, i18n } = useTranslation();
  const { scenario } = props;
  const open = () => navigate({ screen: 'scenario', scenarioId: scenario.id, view: 'editor' });
  const updated = readableDateTimeAt(Date.parse(scenario.updatedAt), scenario.timeZone, i18n.language);
  return (
    <li className="scenario-card" data-testid="scenario-card">
      <button className="scenario-card-main" onClick={open} data-testid="open-scenario">
        <span className="scenario-title">{scenario.title}</span>
        {/* The English title is for English readers: the Chinese screen shows Chinese only. */}
        {i18n.language === 'en' && scenario.titleEn && <span className="scenario-title-en">{scenario.titleEn}</span>}
        <span className="scenario-facts">
          <span>{t('home.steps', { count: scenario.stepCount })}</span>
          <span>{t('home.roles', { count: scenario.roleCount })}</span>
          <span>{t('home.runs', { count: scenario.runCount })}</span>
          {scenario.drillDate && <span>{scenario.drillDate}</span>}
          {scenario.location && <span>{scenario.location}</span>}
        </span>
        <span className="muted small">{t('home.updated', { time: updated })}</span>
      </button>
      <div className="scenario-card-actions">
        <button onClick={props.onDuplicate} data-testid="duplicate-scenario">
          {t('action.duplicate')}
        </button>
        <button className="danger-quiet" onClick={props.onDelete} data-testid="delete-scenario">
          {t('action.delete')}
        </button>
      </div>
    </li>
  );
}

export function HomeScreen() {
  const { t } = useTranslation();
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<'new' | 'template' | null>(null);
  const [deleting, setDeleting] = useState<ScenarioSummary | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [planFile, setPlanFile] = useState<File | null>(null);

  const refresh = useCallback(() => {
    api.listScenarios({}).then(setScenarios, notifyError);
  }, []);
  useEffect(refresh, [refresh]);

  const visible = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!scenarios || needle === '') return scenarios;
    return scenarios.filter((s) => [s.title, s.titleEn, s.location].some((text) => text.toLowerCase().includes(needle)));
  }, [scenarios, query]);

  const importFile = async (file: File) => {
    // A spreadsheet, Word file or OpenAEV export goes to the drill-script import, not the scenario-file import.
    if (await isPlanFile(file)) return setPlanFile(file);
    try {
      const summary = await api.importScenario({ dataBase64: await readBase64(file) });
      notify(t('home.imported', { title: summary.title }));
      refresh();
    } catch (error) {
      notifyError(error, t('home.importFailed'));
    }
  };

  return (
    <div
      className="home"
      data-testid="home"
      // A file dropped on the home screen is imported as 导入文件 would: a scenario file, or a drill script through the preview.
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        void importFile(file);
      }}
    >
      <div className="home-toolbar">
        <h1>{t('home.title')}</h1>
        <input
          className="search"
          type="search"
          placeholder={t('home.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="scenario-search"
        />
        <button className="primary" onClick={() => setDialog('new')} data-testid="new-scenario">
          {t('home.newScenario')}
        </button>
        <button onClick={() => setDialog('template')} data-testid="new-from-template">
          {t('home.newFromTemplate')}
        </button>
        <button onClick={() => fileInput.current?.click()} data-testid="import-scenario">
          {t('home.importFile')}
        </button>
        <PlanImportButton onImported={refresh} />
        <BackupsButton />
        <input
          ref={fileInput}
          type="file"
          accept={`.json,application/json,${PLAN_FILE_ACCEPT}`}
          hidden
          data-testid="import-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      {planFile && <PlanImportFlow file={planFile} onClose={() => setPlanFile(null)} onImported={refresh} />}
      {visible === null ? (
        <p className="muted">{t('state.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="empty-state" data-testid="empty-state">
          {query.trim() ? t('home.noMatch', { query }) : t('home.empty')}
        </p>
      ) : (
        <ul className="scenario-list" data-testid="scenario-list">
          {visible.map((scenario) => (
            <ScenarioCard
              key={scenario.id}
              scenario={scenario}
              onDelete={() => setDeleting(scenario)}
              onDuplicate={() =>
                api.duplicateScenario({ id: scenario.id }).then((copy) => {
                  notify(t('home.created', { title: copy.title }));
                  refresh();
                }, notifyError)
              }
            />
          ))}
        </ul>
      )}
      {dialog === 'new' && <NewScenarioDialog onClose={() => setDialog(null)} />}
      {dialog === 'template' && <TemplateDialog onClose={() => setDialog(null)} onCreated={refresh} />}
      {deleting && (
        <ConfirmDialog
          title={t('action.delete')}
          message={t('home.confirmDelete', { title: deleting.title, runs: deleting.runCount })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            api.deleteScenario({ id: target.id }).then(() => {
              notify(t('home.deleted', { title: target.title }));
              refresh();
            }, notifyError);
          }}
        />
      )}
    </div>
  );
}
