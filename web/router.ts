// Hash routes, so the site works from any static host and sub-path (base './') and from the extension's page.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { view: 'library' }
  | { view: 'profile'; id: string }
  | { view: 'compare'; a: string | null; b: string | null }
  | { view: 'app-check' }
  | { view: 'apps' }
  | { view: 'app'; id: string }
  | { view: 'intune'; id: string | null }
  | { view: 'tenant' }
  | { view: 'settings' }
  | { view: 'import' }
  | { view: 'sample' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const [head, ...rest] = path.split('/');
  switch (head) {
    case 'profile':
      return rest.length > 0 ? { view: 'profile', id: decodeURIComponent(rest.join('/')) } : { view: 'library' };
    case 'compare':
      return { view: 'compare', a: params.get('a'), b: params.get('b') };
    case 'app-check':
      return { view: 'app-check' };
    case 'apps':
      return rest.length > 0 && rest.join('') !== '' ? { view: 'app', id: decodeURIComponent(rest.join('/')) } : { view: 'apps' };
    case 'intune':
      return { view: 'intune', id: rest.length > 0 ? decodeURIComponent(rest.join('/')) : null };
    case 'tenant':
      return { view: 'tenant' };
    case 'settings':
      return { view: 'settings' };
    case 'import':
      return { view: 'import' };
    case 'sample':
      return { view: 'sample' };
    default:
      return { view: 'library' };
  }
}

export function profileHref(id: string): string {
  return `#/profile/${encodeURIComponent(id)}`;
}

/** One imported app on the renewal board (#/apps lists them all). */
export function appHref(id: string): string {
  return `#/apps/${encodeURIComponent(id)}`;
}

/** "Prepare for Intune" for one stored profile, or (no id) for an app's profiles. */
export function intuneHref(id: string | null): string {
  return id ? `#/intune/${encodeURIComponent(id)}` : '#/intune';
}

export function compareHref(a: string | null, b: string | null): string {
  const params = new URLSearchParams();
  if (a) params.set('a', a);
  if (b) params.set('b', b);
  const query = params.toString();
  return query ? `#/compare?${query}` : '#/compare';
}

export function navigate(hash: string): void {
  location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute((current) => {
      const next = parseRoute(location.hash);
      return JSON.stringify(next) === JSON.stringify(current) ? current : next;
    });
    addEventListener('hashchange', update);
    // Effects run after the first paint: a hash changed in between (a link followed, or a navigation right after a
    // reload) fired no event this listener could hear, so read it once now.
    update();
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
