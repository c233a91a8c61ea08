/**
 * A small hash router: the app's screens are `#/`, `#/scenario/<id>` and the
 * screens of a scenario or run. Hash routes work the same from the
 * `drilldesk://` scheme and from browser mode.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'home' }
  | { screen: 'scenario'; scenarioId: string; view: 'editor' | 'timeline' | 'evaluation' | 'print' | 'runs' }
  | { screen: 'conduct'; runId: string }
  | { screen: 'replay'; runId: string }
  /** A seat's page (联网导调), on a phone or the big screen; `code` from the QR code. */
  | { screen: 'seat'; code: string | null };

const ID = '([A-Za-z0-9_-]+)';

/** The route a hash names; unknown hashes go home. */
export function routeOf(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  let match = new RegExp(`^/scenario/${ID}(?:/(editor|timeline|evaluation|print|runs))?$`).exec(path);
  if (match) return { screen: 'scenario', scenarioId: match[1], view: (match[2] as 'editor' | 'timeline' | 'evaluation' | 'print' | 'runs') ?? 'editor' };
  match = new RegExp(`^/run/${ID}$`).exec(path);
  if (match) return { screen: 'conduct', runId: match[1] };
  match = new RegExp(`^/replay/${ID}$`).exec(path);
  if (match) return { screen: 'replay', runId: match[1] };
  match = /^\/seat(?:\?code=([A-Za-z0-9-]{1,40}))?$/.exec(path);
  if (match) return { screen: 'seat', code: match[1] ?? null };
  return { screen: 'home' };
}

/** The hash of a route; `routeOf(hashOf(route))` gives the route back. */
export function hashOf(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'scenario':
      return route.view === 'editor' ? `#/scenario/${route.scenarioId}` : `#/scenario/${route.scenarioId}/${route.view}`;
    case 'conduct':
      return `#/run/${route.runId}`;
    case 'replay':
      return `#/replay/${route.runId}`;
    case 'seat':
      return route.code ? `#/seat?code=${route.code}` : '#/seat';
  }
}

export function navigate(route: Route) {
  window.location.hash = hashOf(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return routeOf(hash);
}
