import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, toFailure, type ApiFailure } from './api.ts';

export type Loaded<T> = { readonly state: 'loading' } | { readonly state: 'failed'; readonly failure: ApiFailure } | { readonly state: 'ready'; readonly data: T };

/** Loads `path` whenever it changes; `reload` loads it again (after a change the page made). */
export function useApi<T>(path: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api<T>(path).then(
      (data) => {
        if (current) setLoaded({ state: 'ready', data });
      },
      (error: unknown) => {
        if (current) setLoaded({ state: 'failed', failure: toFailure(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => {
    setRound((r) => r + 1);
  }, []);
  return [loaded, reload];
}
