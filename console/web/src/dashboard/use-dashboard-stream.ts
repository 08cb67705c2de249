import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import type { ApiError } from '../api-types.ts';

export type DashboardState<S> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly failure: ApiFailure; readonly last: S | undefined }
  | { readonly state: 'ready'; readonly data: S };

/** The snapshots the server pushes on `api/<name>/stream?<query>` (server-sent events); EventSource reconnects by itself. */
export function useDashboardStream<S>(name: string, query: string): DashboardState<S> {
  const [state, setState] = useState<DashboardState<S>>({ state: 'loading' });
  useEffect(() => {
    setState({ state: 'loading' });
    let last: S | undefined;
    const source = new EventSource(`api/${name}/stream${query === '' ? '' : `?${query}`}`);
    source.addEventListener('snapshot', (event) => {
      last = JSON.parse((event as MessageEvent<string>).data) as S;
      setState({ state: 'ready', data: last });
    });
    source.addEventListener('failure', (event) => {
      const { error } = JSON.parse((event as MessageEvent<string>).data) as ApiError;
      setState({ state: 'failed', failure: new ApiFailure(502, error.code, error.message, error.service), last });
    });
    source.onerror = () => {
      // Closed: the server refused the view itself (a non-200 answer); otherwise the browser is reconnecting.
      const failure = source.readyState === EventSource.CLOSED
        ? new ApiFailure(400, 'BAD_REQUEST', 'the console refused this view: check the range and filters in the URL')
        : new ApiFailure(0, 'CONSOLE_UNREACHABLE', 'the console server does not answer; reconnecting…');
      setState({ state: 'failed', failure, last });
    };
    return () => {
      source.close();
    };
  }, [name, query]);
  return state;
}
