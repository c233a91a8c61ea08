/** IPC channel names: one per contract operation, `drilldesk:api:<method>`. Pure: safe to import anywhere. */
import type { ApiMethod } from '../shared/api';

export const API_CHANNEL_PREFIX = 'drilldesk:api:';

export const channelOf = (method: ApiMethod) => `${API_CHANNEL_PREFIX}${method}`;

/** The main process pushes each committed run event to the window on this channel (the desktop app's live log, 联网导调). */
export const RUN_EVENT_CHANNEL = 'drilldesk:run-event';
