import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { sourceTables, type KpiQuery } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { LastRange } from '../web/src/dashboard/dashboard-types.ts';
import { describe } from './api-error.ts';
import { parseDashboardView, type DashboardView } from './dashboard-view.ts';
import { EventStream, openStreams } from './event-stream.ts';
import type { KpiReader } from './kpi-reader.ts';

const POLL_MS = 1000;

/** A panel of a dashboard page, with the KPI queries its figures come from. */
export interface DashboardPanel {
  /** The page's element for it carries `data-panel` = id. */
  readonly id: string;
  readonly title: string;
  readonly queries: readonly KpiQuery<never, unknown>[];
}

/** What a dashboard's figures are read with: the ClickHouse engine, and the grace its window marks allow. */
export interface KpiContext {
  readonly engine: SqlEngine;
  readonly graceMs: number;
}

/** One dashboard: its stream's name, its page, the filters its URL may hold, its panels, and its figures for a view. */
export interface Dashboard<F extends string> {
  /** The stream's path: `/api/<name>/stream`. */
  readonly name: string;
  /** The page's title, and its hash route when it needs no filter to show (an ASIN page needs its ASIN). */
  readonly page: string;
  readonly route?: string;
  readonly filters: readonly F[];
  /** Filters a view must give (the ASIN of an ASIN page). */
  readonly required?: readonly F[];
  readonly defaultLast: LastRange;
  readonly panels: readonly DashboardPanel[];
  snapshot(kpis: KpiContext, view: DashboardView<F>, nowMs: number): Promise<unknown>;
}

/** The tables rows are inserted into whose new rows may change a dashboard's figures: those its panels' queries come from. */
export const dashboardTables = (dashboard: Dashboard<string>): string[] => [...new Set(dashboard.panels.flatMap((p) => p.queries.flatMap(sourceTables)))].sort();

/**
 * Every dashboard's stream: a `snapshot` event at once and again whenever its tables receive rows
 * (the server checks their counts and highest offsets each second; the browser never polls) or a
 * sliding range moves to a new minute, and a `failure` event while ClickHouse cannot answer,
 * followed by a snapshot once it can again. A view the URL cannot give is a 400 before the stream.
 */
export function dashboardRoutes(app: FastifyInstance, reader: KpiReader, graceMs: number, dashboards: readonly Dashboard<string>[]): void {
  const streams = openStreams(app);
  app.addHook('onClose', () => reader.close());
  for (const dashboard of dashboards) {
    app.get(`/api/${dashboard.name}/stream`, (request, reply) => {
      const view = parseDashboardView(request.query, dashboard.filters, dashboard.defaultLast, dashboard.required);
      const stream = new EventStream(reply);
      streams.add(stream);
      void follow(reader, { engine: reader.engine, graceMs }, dashboard, view, stream).finally(() => streams.delete(stream));
    });
  }
}

async function follow(reader: KpiReader, kpis: KpiContext, dashboard: Dashboard<string>, view: DashboardView<string>, stream: EventStream): Promise<void> {
  const tables = dashboardTables(dashboard);
  let shown: string | undefined;
  let failure: string | undefined;
  while (stream.open) {
    const now = Date.now();
    try {
      const signature = `${await reader.signature(tables)}@${view.sliding ? Math.floor(now / 60_000) : 0}`;
      if (signature !== shown) {
        stream.send('snapshot', await reader.run(dashboard.snapshot(kpis, view, now)));
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
