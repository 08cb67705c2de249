import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { probeStack } from '../../infra/stack/probe-stack.ts';
import { ORDER_SINKS } from '../../sinks/reconcile/reconciliation-results.ts';
import { mainJobNames } from '../../topology/main-job-names.ts';
import { reconcileMainJob, reconciledTopics } from '../../topology/main-job-reconciliation.ts';
import type { ReconcileAnswer } from '../web/src/reconcile/reconcile-types.ts';
import type { KafkaBrowser } from './kafka-browser.ts';

const reconcileQuery = z.object({
  prefix: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'a prefix is letters, digits, dots, dashes and underscores, as in topic names').default('shelfstream'),
});

/**
 * The Reconcile page's API: the main job under a prefix reconciled on request, never on a timer,
 * since it reads whole topics. It writes nothing, so read-only mode keeps it; requests for a prefix
 * already being reconciled share that run rather than start another.
 */
export function reconcileRoutes(app: FastifyInstance, config: ShelfstreamConfig, kafka: KafkaBrowser): void {
  const running = new Map<string, Promise<ReconcileAnswer>>();
  app.get('/api/reconcile', (request): Promise<ReconcileAnswer> => {
    const { prefix } = reconcileQuery.parse(request.query);
    let answer = running.get(prefix);
    if (answer === undefined) {
      answer = reconcile(config, kafka, prefix).finally(() => running.delete(prefix));
      running.set(prefix, answer);
    }
    return answer;
  });
}

async function reconcile(config: ShelfstreamConfig, kafka: KafkaBrowser, prefix: string): Promise<ReconcileAnswer> {
  // A service that is down would fail the run partway through a topic; its probe names the setting at once.
  const down = (await probeStack(config)).find((report) => !report.ok);
  if (down !== undefined) throw down.error;
  const names = mainJobNames(prefix);
  const topics = new Set(await kafka.topicNames());
  const read = reconciledTopics(names);
  const missingTopics = read.filter((topic) => !topics.has(topic));
  if (missingTopics.length > 0) return { prefix, found: false, topics: read.length, missingTopics };
  const reconciledAtMs = Date.now();
  const result = await reconcileMainJob(config, names);
  return { prefix, found: true, clickhouseDatabase: config.clickhouse.database, orderSinks: ORDER_SINKS, reconciledAtMs, tookMs: Date.now() - reconciledAtMs, result };
}
