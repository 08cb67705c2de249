import type { ComponentChildren } from 'preact';
import type { LastRange } from '../dashboard/dashboard-types.ts';
import type { DashboardState } from '../dashboard/use-dashboard-stream.ts';
import type { Route } from '../route.ts';
import { DashboardFilters, type FilterChoice } from './dashboard-filters.tsx';
import { ErrorPanel, LoadingPanel } from './state-panels.tsx';

/** A dashboard page: its title, range and filters, then the stream's loading or error panel, or `ready` with its latest snapshot. */
export function DashboardFrame<S>({ title, route, defaultLast, choices, stream, what, ready }: {
  title: string;
  route: Route;
  defaultLast: LastRange;
  choices: readonly FilterChoice[];
  stream: DashboardState<S>;
  what: string;
  ready: (snapshot: S) => ComponentChildren;
}) {
  return (
    <section>
      <h1>{title}</h1>
      <DashboardFilters route={route} defaultLast={defaultLast} choices={choices} />
      {stream.state === 'loading' ? <LoadingPanel what={what} /> : null}
      {stream.state === 'failed' ? <ErrorPanel failure={stream.failure} /> : null}
      {stream.state === 'ready' ? ready(stream.data) : null}
    </section>
  );
}

/** The snapshot shown last, kept while a failure shows (the filters still offer its choices). */
export const lastSnapshot = <S,>(stream: DashboardState<S>): S | undefined => (stream.state === 'ready' ? stream.data : stream.state === 'failed' ? stream.last : undefined);
