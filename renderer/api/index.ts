/**
 * The API the whole renderer uses. The transport is chosen once, here:
 * the preload's bridge in the desktop app, HTTP in browser mode.
 */
import { clientOf, type DrillTransport } from '../../shared/api';
import { httpTransport, takeToken } from './http';
import { countingTasks } from './tasks';

declare global {
  interface Window {
    drillDesk?: DrillTransport;
    drillDeskDesktop?: {
      printToPdf: (arg: { fileName: string; landscape: boolean }) => Promise<{ saved: boolean; path: string | null }>;
      print: () => Promise<{ printed: boolean }>;
    };
  }
}

export const isDesktop = window.drillDesk !== undefined;

/** The per-launch token of browser mode (null in the desktop app): the console's live-event stream sends it. */
export const hostToken = isDesktop ? null : takeToken(window.location, window.history, window.sessionStorage);

export const api = clientOf(countingTasks(window.drillDesk ?? httpTransport(hostToken)));
