/**
 * The back end as browser mode and the command line open it under plain
 * Node: the data folder given, the sample scenarios of this checkout, and
 * preferences in `<data>/preferences.json` through `conf`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { openBackend, type Backend, type BackendOptions } from './backend';
import { PREFS_CONF_OPTIONS, prefsStoreOf } from './prefs';
import { makePrivateDir } from '../storage/privateFiles';

/** The checkout's root folder (where `scenarios/` and `dist/` are). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function openNodeBackend(dataDir: string, options: Pick<BackendOptions, 'log'> = {}): Backend {
  makePrivateDir(dataDir); // before conf, which would create it with the default mode
  const prefs = prefsStoreOf(
    new Conf({ projectName: 'drilldesk', cwd: dataDir, configName: PREFS_CONF_OPTIONS.name, clearInvalidConfig: PREFS_CONF_OPTIONS.clearInvalidConfig, configFileMode: PREFS_CONF_OPTIONS.configFileMode }),
  );
  return openBackend({ dataDir, templatesDir: path.join(projectRoot, 'scenarios'), prefs, ...options });
}
