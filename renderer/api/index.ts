/**
 * The API the whole renderer uses. The transport is chosen once, here:
 * the preload's bridge in the desktop app, HTTP in browser mode.
 */
import { clientOf, type DrillTransport } from '../../shared/api';
import type { RunEvent } from '../../shared/model';
import { httpTransport, takeToken } from './http';
import { seatTransport } from './seat';
import { countingTasks } from './tasks';

declare global {
  interface Window {
    drillDesk?: DrillTransport;
    drillDeskDesktop?: {
      printToPdf: (arg: { fileName: string; landscape: boolean }) => Promise<{ saved: boolean; path: string | null }>;
      print: () => Promise<{ printed: boolean }>;
      onRunEvent: (runId: string, listener: (event: RunEvent) => void) => () => void;
    };
  }
}

export const isDesktop = window.drillDesk !== undefined;

/** A seat's page (联网导调): served by the seats' server, every call made with the seat's token. */
export const isSeat = !isDesktop && window.location.hash.startsWith('#/seat');

/** The per-launch token of browser mode (null in the desktop app and on a seat): the console's live-event stream sends it. */
export const hostToken = isDesktop || isSeat ? null : takeToken(window.location, window.history, window.sessionStorage);

export const api = clientOf(countingTasks(window.drillDesk ?? (isSeat ? seatTransport(window.sessionStorage) : httpTransport(hostToken))));
