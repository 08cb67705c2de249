/**
 * Rows per second into ClickHouse through the sink, ledger included, and the time a checkpoint
 * takes, on the running stack's ClickHouse (Kafka in memory, so only the sink is measured):
 *
 *   npx tsx bench/clickhouse-sink-rate.ts [--rows 100000] [--partitions 2] [--batch 2000]
 *
 * A run uses its own database, with the migrations applied (so every insert also feeds the sales
 * KPI views), and drops it at the end. Output: one JSON line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { clientSqlEngine } from '../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase, sqlIdentifier } from '../infra/clickhouse/ensure-database.ts';
import { migrate } from '../infra/clickhouse/migrator.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import { clickHouseInsertSink } from '../sinks/clickhouse/clickhouse-insert-sink.ts';
import { kpiMigrations } from '../sinks/clickhouse/clickhouse-schema.ts';
import { asRecords, enrichedOrderRows, parseStep, rowStep } from '../test/support/enriched-order-rows.ts';
import { runInMemorySink } from './in-memory-sink-run.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    partitions: { type: 'string', default: '2' },
    batch: { type: 'string', default: '2000' },
  },
});
const rows = Number(values.rows);
const partitions = Number(values.partitions);
const batch = Number(values.batch);
if (![rows, partitions, batch].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--rows, --partitions and --batch take positive integers');

const config = loadConfig();
const database = `bench_sink_${Date.now().toString(36)}`;
const admin = createClickHouseClient(config);
await ensureDatabase(admin, database);
const client = createClickHouseClient(config, database);
try {
  await migrate(clientSqlEngine(client), kpiMigrations());
  const { seconds, runner } = await runInMemorySink({
    applicationId: 'bench-clickhouse-sink',
    topic: 'bench.orders-enriched',
    partitions,
    batch,
    records: asRecords(enrichedOrderRows(rows), partitions),
    load: (topic) => subTopology('load', topic).step('parse', parseStep).step('rows', rowStep).to('orders-enriched', clickHouseInsertSink({ client, table: 'orders_enriched' })),
  });

  const checkpoint = (await runner.metrics.batchSeconds.get()).values.filter((v) => v.labels.phase === 'checkpoint');
  const sum = checkpoint.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
  const count = checkpoint.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
  const [stored] = await clientSqlEngine(client).rows<{ n: number }>('SELECT count() AS n FROM orders_enriched');
  process.stdout.write(
    `${JSON.stringify({
      rows,
      partitions,
      batch,
      stored: stored?.n ?? 0,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round((stored?.n ?? 0) / seconds),
      checkpoints: count,
      meanCheckpointMs: count === 0 ? 0 : Math.round((sum / count) * 1000),
    })}\n`,
  );
} finally {
  await client.close();
  await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
  await admin.close();
}
