import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import type { ApiError } from '../api-types.ts';
import type { SalesSnapshot } from './sales-types.ts';

export type SalesState =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly failure: ApiFailure; readonly last: SalesSnapshot | undefined }
  | { readonly state: 'ready'; readonly data: SalesSnapshot };

/** The Sales snapshots the server pushes for `query` (server-sent events); EventSource reconnects by itself. */
export function useSalesStream(query: string): SalesState {
  const [state, setState] = useState<SalesState>({ state: 'loading' });
  useEffect(() => {
    setState({ state: 'loading' });
    let last: SalesSnapshot | undefined;
    const source = new EventSource(`api/sales/stream${query === '' ? '' : `?${query}`}`);
    source.addEventListener('snapshot', (event) => {
      last = JSON.parse((event as MessageEvent<string>).data) as SalesSnapshot;
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
  }, [query]);
  return state;
}
