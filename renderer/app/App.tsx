/** The shell of every screen: header with navigation and language, the routed screen, toasts. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageStatus } from '../../shared/api';
import { api, isSeat } from '../api';
import { TaskBar } from '../components/TaskBar';
import { Toasts } from '../components/toasts';
import { textOf } from '../i18n';
import { ConductScreen } from '../conduct/ConductScreen';
import { HomeScreen } from '../home/HomeScreen';
import { ScenarioScreen } from '../editor/ScenarioScreen';
import { ReplayScreen } from '../replay/ReplayScreen';
import { SeatScreen } from '../seat/SeatScreen';
import { usePrefs } from './prefs';
import { navigate, useRoute } from './router';

function LanguageSwitch() {
  const { t } = useTranslation();
  const language = usePrefs((state) => state.prefs.language);
  const update = usePrefs((state) => state.update);
  return (
    <label className="language-switch">
      <span className="sr-only">{t('language.label')}</span>
      <select data-testid="language" value={language} onChange={(event) => void update({ language: event.target.value as 'zh' | 'en' })}>
        <option value="zh">{t('language.zh')}</option>
        <option value="en">{t('language.en')}</option>
      </select>
    </label>
  );
}

function StorageBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    api.storageStatus({}).then(setStatus, () => setStatus(null));
  }, []);
  if (!status) return null;
  return (
    <>
      {status.recoveredFrom && (
        <div className="banner banner-warning" role="alert" data-testid="storage-recovered">
          {t('storage.recovered', { path: status.recoveredFrom.movedTo })}
        </div>
      )}
      {status.seedingFailed && (
        <div className="banner banner-warning" role="alert" data-testid="storage-seeding-failed">
          {t('storage.seedingFailed', { reason: textOf(status.seedingFailed) })}
        </div>
      )}
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const load = usePrefs((state) => state.load);
  const loaded = usePrefs((state) => state.loaded);
  useEffect(() => {
    // A seat loads the preferences once it has joined (its calls need its token).
    if (!isSeat) void load();
  }, [load]);
  if (route.screen === 'seat') return <SeatScreen code={route.code} />;
  if (!loaded) return <div className="loading">{t('state.loading')}</div>;
  return (
    <div className="app">
      <header className="app-header">
        <button className="brand" onClick={() => navigate({ screen: 'home' })} title={t('nav.home')}>
          <span className="brand-mark" aria-hidden>
            ◆
          </span>
          {t('app.name')}
        </button>
        <span className="tagline">{t('app.tagline')}</span>
        <div className="header-spacer" />
        <LanguageSwitch />
      </header>
      <StorageBanner />
      <main className="app-main">
        {route.screen === 'home' && <HomeScreen />}
        {route.screen === 'scenario' && <ScenarioScreen key={route.scenarioId} scenarioId={route.scenarioId} view={route.view} />}
        {route.screen === 'conduct' && <ConductScreen key={route.runId} runId={route.runId} />}
        {route.screen === 'replay' && <ReplayScreen key={route.runId} runId={route.runId} />}
      </main>
      <TaskBar />
      <Toasts />
    </div>
  );
}
