import { useEffect, useState } from 'preact/hooks';

/** Where the page is: the hash path's segments and its query, so a view's filters can be shared as a link. */
export interface Route {
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

function current(): Route {
  const hash = window.location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?');
  return { segments: path.split('/').filter((s) => s !== '').map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const changed = () => {
      setRoute(current());
    };
    window.addEventListener('hashchange', changed);
    return () => {
      window.removeEventListener('hashchange', changed);
    };
  }, []);
  return route;
}

/** A link to a page: `href('subjects', name, 'diff', {from: '1'})`. */
export function href(...parts: (string | number | Record<string, string>)[]): string {
  const query = parts.find((p): p is Record<string, string> => typeof p === 'object');
  const path = parts.filter((p): p is string | number => typeof p !== 'object').map((p) => encodeURIComponent(String(p))).join('/');
  const search = query === undefined ? '' : new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  return `#/${path}${search === '' ? '' : `?${search}`}`;
}

/** Replaces the query of the current page, keeping it shareable without adding history entries. */
export function setQuery(route: Route, changes: Record<string, string>): void {
  const query = new URLSearchParams(route.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  const target = `#/${route.segments.map(encodeURIComponent).join('/')}${search === '' ? '' : `?${search}`}`;
  window.history.replaceState(null, '', target);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
