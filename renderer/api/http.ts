/**
 * The browser-mode transport: each contract operation is `POST /api/<method>`
 * with the per-launch token in a header. Built from the contract's method list.
 */
import { API_METHODS, refusedOf, type ApiMethod, type DrillTransport, type Envelope } from '../../shared/api';
import { msg } from '../../shared/i18n';

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
        return refusedOf('storage-failed', msg('errors.http.unreachable'));
      }
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return refusedOf('internal', msg('errors.http.badAnswer', { status: response.status }));
      }
    };
  }
  return transport as unknown as DrillTransport;
}
