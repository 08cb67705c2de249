import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { describe } from './api-error.ts';
import { EventStream, openStreams } from './event-stream.ts';
import type { SalesDashboard } from './sales-dashboard.ts';
import { parseSalesView, type SalesView } from './sales-view.ts';

const POLL_MS = 1000;

/**
 * The Sales page's stream: a `snapshot` event at once and again whenever ClickHouse holds new
 * enriched orders (the server checks a cheap signature each second; the browser never polls), and a
 * `failure` event while ClickHouse cannot answer, followed by a snapshot once it can again.
 */
export function salesRoutes(app: FastifyInstance, dashboard: SalesDashboard): void {
  const streams = openStreams(app);
  app.addHook('onClose', () => dashboard.close());

  app.get('/api/sales/stream', (request, reply) => {
    const view = parseSalesView(request.query);
    const stream = new EventStream(reply);
    streams.add(stream);
    void follow(dashboard, view, stream).finally(() => streams.delete(stream));
  });
}

async function follow(dashboard: SalesDashboard, view: SalesView, stream: EventStream): Promise<void> {
  let shown: string | undefined;
  let failure: string | undefined;
  while (stream.open) {
    const now = Date.now();
    try {
      const signature = `${await dashboard.signature()}@${view.sliding ? Math.floor(now / 60_000) : 0}`;
      if (signature !== shown) {
        stream.send('snapshot', await dashboard.snapshot(view, now));
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
