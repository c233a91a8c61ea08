/**
 * The host's side of 联网导调 as both hosts compose it — browser mode
 * (`web/main.ts`) and the desktop app's main process (`electron/main.ts`):
 * an event hub fed by the back end's committed events, and the sharing host
 * in front of the back end (the sharing operations answered there, every
 * other call passed on). Sharing is off until the host starts it, on one of
 * this machine's private interfaces; its HTTPS certificate is kept in the
 * data folder, and so is the shared run, which `sharing.resume()` shares
 * again after a restart.
 */
import os from 'node:os';
import { privateInterfacesOf, type NetworkChoice } from '../../shared/seats';
import { eventHubOf, liveBackendOf, type Caller, type EventHub } from './events';
import { sharingHostOf, sharingRecordFileOf, type SharingHost } from './sharing';

export type LiveSharing = { hub: EventHub; sharing: SharingHost };

export function liveSharingOf(
  backend: Caller,
  options: { rendererDir: string; dataDir: string; interfaces?: () => NetworkChoice[] },
): LiveSharing {
  const hub = eventHubOf();
  const interfaces = options.interfaces ?? (() => privateInterfacesOf(os.networkInterfaces()));
  const sharing = sharingHostOf({ backend: liveBackendOf(backend, hub), hub, rendererDir: options.rendererDir, interfaces, certificateDir: options.dataDir, record: sharingRecordFileOf(options.dataDir) });
  return { hub, sharing };
}
