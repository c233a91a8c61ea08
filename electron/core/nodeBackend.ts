/**
 * The back end as browser mode and the command line open it under plain
 * Node: the data folder given, the sample scenarios of this checkout, and
 * preferences in `<data>/preferences.json` through `conf`. The transports
 * use `openNodeWorkerBackend` (the service in worker threads); `openNodeBackend`
 * runs it in this thread, for tools that want the service object itself.
 */
import path from 'node:path';
import Conf from 'conf';
import { openBackend, type Backend, type BackendOptions } from './backend';
import { PREFS_CONF_OPTIONS, prefsStoreOf, type PrefsStore } from './prefs';
import { makePrivateDir } from '../storage/privateFiles';
import { openWorkerBackend, type WorkerBackend, type WorkerBackendOptions } from './workerBackend';
import { nodeBundleOf, WORKER_BUNDLE } from './nodeBundle';
import { projectRoot } from './projectRoot';

function filePrefsOf(dataDir: string): PrefsStore {
  makePrivateDir(dataDir); // before conf, which would create it with the default mode
  return prefsStoreOf(
    new Conf({ projectName: 'drilldesk', cwd: dataDir, configName: PREFS_CONF_OPTIONS.name, clearInvalidConfig: PREFS_CONF_OPTIONS.clearInvalidConfig, configFileMode: PREFS_CONF_OPTIONS.configFileMode }),
  );
}

export function openNodeBackend(dataDir: string, options: Pick<BackendOptions, 'log'> = {}): Backend {
  return openBackend({ dataDir, templatesDir: path.join(projectRoot, 'scenarios'), prefs: filePrefsOf(dataDir), ...options });
}

/** The back end in worker threads on `dataDir` (see `workerBackend.ts`), with this checkout's samples and bundled worker. */
export function openNodeWorkerBackend(
  dataDir: string,
  options: Partial<Pick<WorkerBackendOptions, 'log' | 'budgets' | 'prefs' | 'templatesDir' | 'fixedNow' | 'warmTaskWorker'>> = {},
): Promise<WorkerBackend> {
  return openWorkerBackend({
    dataDir,
    templatesDir: path.join(projectRoot, 'scenarios'),
    prefs: options.prefs ?? filePrefsOf(dataDir),
    workerScript: nodeBundleOf(projectRoot, WORKER_BUNDLE),
    ...options,
  });
}
