import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClickHouseClient } from '@clickhouse/client';
import { loadConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase, sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { migrate } from '../../../infra/clickhouse/migrator.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner, type ProcessingGuarantee } from '../../../runtime/topology-runner.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { kpiMigrations } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { clickHouseInsertSink } from '../../../sinks/clickhouse/clickhouse-insert-sink.ts';
import { LEDGER_TABLE } from '../../../sinks/clickhouse/insert-ledger.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import type { SinkFactory } from '../../../sinks/sink.ts';
import { asRecords, enrichedOrderRows, expectedTotals, parseStep, rowStep } from '../../support/enriched-order-rows.ts';
import { inMemoryStack, until } from '../../support/in-memory-stack.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const COUNT = 403;

type Row = Record<string, unknown>;

/**
 * The real client, except that the ledger's "done" write after an insert fails (not retriable)
 * every `every`th time: the insert landed, its ledger entry says only "intent", and the batch is
 * fetched again by a task that must settle that intent instead of inserting twice.
 */
function losingDoneWrites(client: ClickHouseClient, every: number, lost: { count: number }): ClickHouseClient {
  let seen = 0;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'insert') return Reflect.get(target, property, receiver) as unknown;
      return (params: Parameters<ClickHouseClient['insert']>[0]) => {
        const values = params.values as Row[];
        if (params.table === LEDGER_TABLE && values[0]?.state === 2 && ++seen % every === 0) {
          lost.count += 1;
          return Promise.reject(Object.assign(new Error('Code: 60, e.displayText() = DB::Exception: simulated crash after insert'), { code: '60' }));
        }
        return target.insert(params);
      };
    },
  });
}

/** Side outputs whose flush fails every `every`th time: after the table insert, before the offsets commit. */
function crashingBeforeCommit(topics: { deadLetter: string; late: string }, every: number, crashes: { count: number }): SinkFactory<unknown> {
  const inner = sideOutputSink(topics);
  let flushes = 0;
  return (context) => {
    const sink = inner(context);
    return {
      ...sink,
      flush: async (checkpoint) => {
        if (++flushes % every === 0) {
          crashes.count += 1;
          throw Object.assign(new Error('simulated crash between the insert and the offset commit'), { retriable: true });
        }
        await sink.flush(checkpoint);
      },
    };
  };
}

for (const guarantee of ['exactly-once', 'at-least-once'] as const satisfies readonly ProcessingGuarantee[]) {
  describe(`ClickHouse insert sink, ${guarantee}`, () => {
    const database = uniqueName('sink').replace(/-/g, '_');
    let admin: ClickHouseClient;
    let client: ClickHouseClient;

    before(async () => {
      admin = createClickHouseClient(config);
      await ensureDatabase(admin, database);
      client = createClickHouseClient(config, database);
      await migrate(clientSqlEngine(client), kpiMigrations());
    });

    after(async () => {
      await client.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
      await admin.close();
    });

    it('counts every order once in the KPI views through crashes before the offset commit and after an insert', async () => {
      // Small batches: many checkpoints, so many chances to crash.
      const stack = inMemoryStack({}, { maxBatchRecords: 20 });
      const input = { topic: 'orders.enriched', partitions: PARTITIONS };
      const kafkaAdmin = await stack.driver.admin();
      await kafkaAdmin.createTopics([input]);
      const producer = stack.driver.producer();
      await producer.connect();
      const rows = enrichedOrderRows(COUNT);
      const records = asRecords(rows, PARTITIONS);
      for (let i = 0; i < records.length; i += 25) await producer.send(input.topic, records.slice(i, i + 25));
      await producer.disconnect();

      const crashes = { count: 0 };
      const lost = { count: 0 };
      const topology = new Topology({
        applicationId: 'load-orders',
        inputs: [input],
        subTopologies: [
          subTopology('load-orders', input.topic)
            .step('parse', parseStep)
            .step('orders-enriched-rows', rowStep)
            .to('orders-enriched-table', clickHouseInsertSink({ client: losingDoneWrites(client, 5, lost), table: 'orders_enriched', maxRowsPerInsert: 40 })),
        ],
        sideOutputs: (topics) => crashingBeforeCommit(topics, 4, crashes),
      });
      // A checkpoint per batch (no commit interval), so the crashes have many checkpoints to hit.
      const runner = new TopologyRunner({ topology, driver: stack.driver, processingGuarantee: guarantee, commitIntervalMs: 0 });
      await runner.start();
      try {
        const ends = Array.from({ length: PARTITIONS }, (_, p) => String(records.filter((r) => r.partition === p).length));
        await until(
          'every input offset committed',
          () => ends.every((end, p) => stack.cluster.committedOffset('load-orders', { topic: input.topic, partition: p }) === end),
          120_000,
        );
      } finally {
        await runner.stop();
      }
      assert.ok(crashes.count > 0 && lost.count > 0, `the test must have crashed the sink (${crashes.count} before commit, ${lost.count} after insert)`);

      const expected = expectedTotals(rows);
      const engine = clientSqlEngine(client);
      const [table] = await engine.rows<{ n: number; revenue: number }>('SELECT count() AS n, sum(revenue_minor) AS revenue FROM orders_enriched');
      const [kpis] = await engine.rows<{ orders: number; revenue: number; units: number }>(
        'SELECT countMerge(orders_state) AS orders, sumMerge(revenue_minor_state) AS revenue, sumMerge(units_state) AS units FROM sales_kpis_minute',
      );
      assert.deepEqual(table, { n: expected.good, revenue: expected.revenue });
      assert.deepEqual(kpis, { orders: expected.good, revenue: expected.revenue, units: expected.units });

      const dead = await readDeadLetters(stack, 'load-orders.dead-letter');
      assert.deepEqual(
        dead.map((h) => [h[DEAD_LETTER_HEADERS.code], h[DEAD_LETTER_HEADERS.field], h[DEAD_LETTER_HEADERS.step]]),
        Array.from({ length: expected.rejected }, () => ['ROW_REJECTED', 'quantity', 'orders-enriched-rows']),
      );
      assert.match(dead[0]?.[DEAD_LETTER_HEADERS.message] ?? '', /^orders_enriched\.quantity: "many" is not an Int32$/);
    });
  });
}

async function readDeadLetters(stack: ReturnType<typeof inMemoryStack>, topic: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for (let p = 0; p < stack.cluster.partitionCount(topic); p++) {
    await stack.driver.readPartition(topic, p, (records) => {
      for (const r of records) out.push(Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, v.toString()])));
    });
  }
  return out;
}
