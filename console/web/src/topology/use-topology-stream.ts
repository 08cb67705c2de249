import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import type { TopologySnapshot } from './topology-types.ts';

export type TopologyState =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly failure: ApiFailure; readonly last: TopologySnapshot | undefined }
  | { readonly state: 'ready'; readonly data: TopologySnapshot };

/** The snapshots the console pushes after each scrape of the topology members; EventSource reconnects by itself. */
export function useTopologyStream(): TopologyState {
  const [state, setState] = useState<TopologyState>({ state: 'loading' });
  useEffect(() => {
    let last: TopologySnapshot | undefined;
    const source = new EventSource('api/topology/stream');
    source.addEventListener('snapshot', (event) => {
      last = JSON.parse((event as MessageEvent<string>).data) as TopologySnapshot;
      setState({ state: 'ready', data: last });
    });
    source.onerror = () => {
      setState({ state: 'failed', failure: new ApiFailure(0, 'CONSOLE_UNREACHABLE', 'the console server does not answer; reconnecting…'), last });
    };
    return () => {
      source.close();
    };
  }, []);
  return state;
}
