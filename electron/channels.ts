/** IPC channel names: one per contract operation, `drilldesk:api:<method>`. Pure: safe to import anywhere. */
import type { ApiMethod } from '../shared/api';

export const API_CHANNEL_PREFIX = 'drilldesk:api:';

export const channelOf = (method: ApiMethod) => `${API_CHANNEL_PREFIX}${method}`;
