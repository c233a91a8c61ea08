/**
 * The browser-mode transport: each contract operation is `POST /api/<method>`
 * with the per-launch token in a header. Built from the contract's method list.
 */
import { API_METHODS, type ApiMethod, type DrillTransport, type Envelope } from '../../shared/api';

const TOKEN_KEY = 'drilldesk.token';
export const TOKEN_HEADER = 'x-drilldesk-token';

/** Takes the token from `?token=` on first load, keeps it for this tab, and removes it from the address bar. */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function httpTransport(token: string | null): DrillTransport {
  const transport = {} as Record<ApiMethod, (arg: unknown) => Promise<Envelope<unknown>>>;
  for (const method of API_METHODS) {
    transport[method] = async (arg) => {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token ?? '' },
          body: JSON.stringify(arg ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'storage-failed', message: 'DrillDesk is not reachable; is it still running?', details: [] } };
      }
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `unexpected answer (${response.status})`, details: [] } };
      }
    };
  }
  return transport as unknown as DrillTransport;
}
