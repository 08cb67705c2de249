import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { LastRange } from '../web/src/dashboard/dashboard-types.ts';
import { describe } from './api-error.ts';
import { parseDashboardView, type DashboardView } from './dashboard-view.ts';
import { EventStream, openStreams } from './event-stream.ts';
import type { KpiReader } from './kpi-reader.ts';

const POLL_MS = 1000;

/** One dashboard: its stream's name, the filters its URL may hold, the tables it reads from, and its figures for a view. */
export interface Dashboard<F extends string> {
  /** The stream's path: `/api/<name>/stream`. */
  readonly name: string;
  readonly filters: readonly F[];
  /** Filters a view must give (the ASIN of an ASIN page). */
  readonly required?: readonly F[];
  readonly defaultLast: LastRange;
  /** The event tables whose new rows may change the figures (the KPI tables are fed from them). */
  readonly tables: readonly string[];
  snapshot(view: DashboardView<F>, nowMs: number): Promise<unknown>;
}

/**
 * Every dashboard's stream: a `snapshot` event at once and again whenever its tables receive rows
 * (the server checks their counts and highest offsets each second; the browser never polls) or a
 * sliding range moves to a new minute, and a `failure` event while ClickHouse cannot answer,
 * followed by a snapshot once it can again. A view the URL cannot give is a 400 before the stream.
 */
export function dashboardRoutes(app: FastifyInstance, reader: KpiReader, dashboards: readonly Dashboard<string>[]): void {
  const streams = openStreams(app);
  app.addHook('onClose', () => reader.close());
  for (const dashboard of dashboards) {
    app.get(`/api/${dashboard.name}/stream`, (request, reply) => {
      const view = parseDashboardView(request.query, dashboard.filters, dashboard.defaultLast, dashboard.required);
      const stream = new EventStream(reply);
      streams.add(stream);
      void follow(reader, dashboard, view, stream).finally(() => streams.delete(stream));
    });
  }
}

async function follow(reader: KpiReader, dashboard: Dashboard<string>, view: DashboardView<string>, stream: EventStream): Promise<void> {
  let shown: string | undefined;
  let failure: string | undefined;
  while (stream.open) {
    const now = Date.now();
    try {
      const signature = `${await reader.signature(dashboard.tables)}@${view.sliding ? Math.floor(now / 60_000) : 0}`;
      if (signature !== shown) {
        stream.send('snapshot', await reader.run(dashboard.snapshot(view, now)));
        shown = signature;
        failure = undefined;
      }
    } catch (error) {
      const [, body] = describe(error instanceof Error ? error : new Error(String(error)));
      if (body.error.message !== failure) stream.send('failure', body);
      failure = body.error.message;
      shown = undefined;
    }
    await sleep(POLL_MS);
  }
}
