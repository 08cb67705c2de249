/**
 * Produce-to-visible latency of the sales KPIs, on the running stack: orders are produced to Kafka
 * at a fixed rate while the sales pipeline runs, and ClickHouse's per-minute sales KPI table is
 * read every `--poll-ms` until it counts them.
 *
 *   npx tsx bench/kpi-visibility-latency.ts [--rate 10000] [--seconds 30] [--partitions 3] [--driver rdkafka]
 *
 * Orders go out in ticks of 100 ms. A tick's latency is from the moment its orders were handed to
 * the producer to the first read of the KPI table whose order count covers every order produced up
 * to that tick (the KPI is a count, so it cannot tell one order from another: a tick is visible
 * when the count reaches the orders produced by its end). The pipeline is the real one (decode,
 * validate, dedupe, enrich, the enriched and accepted topics, the exactly-once ClickHouse loads,
 * the Iceberg silver load), in this process, with its own topics, group, ClickHouse database and
 * Iceberg namespace, all removed at the end. Output: one JSON line, with where the time went: the
 * process's CPU per order and its event loop's utilisation from the first tick to the last visible
 * one (a loop near 1 queues every hop behind the others), and each sub-topology's mean checkpoint.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig, type ShelfstreamConfig } from '../config/index.ts';
import { clientSqlEngine } from '../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { ensureDatabase, sqlIdentifier } from '../infra/clickhouse/ensure-database.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { retry } from '../infra/retry.ts';
import { TopologyRunner } from '../runtime/topology-runner.ts';
import { KEY_SCHEMA } from '../schemas/record-keys.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../schemas/serde/in-memory-schema-registry.ts';
import { subjectName } from '../schemas/serde/subject-name.ts';
import { salesKpis } from '../sinks/clickhouse/kpi-queries/sales-kpis.ts';
import { generateOrders } from '../sources/generator/order-generator.ts';
import { salesPipelineTopology, salesSilverTable } from '../topology/sales-pipeline-topology.ts';

const TICK_MS = 100;
const DAY_MS = 86_400_000;

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '30' },
    partitions: { type: 'string', default: '3' },
    'poll-ms': { type: 'string', default: '50' },
    driver: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const partitions = Number(values.partitions);
const pollMs = Number(values['poll-ms']);
if (![rate, seconds, partitions, pollMs].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--rate, --seconds, --partitions and --poll-ms take positive integers');
const base = loadConfig();
const driverName = values.driver ?? base.kafka.driver;
if (driverName !== 'kafkajs' && driverName !== 'rdkafka') throw new Error('--driver takes kafkajs or rdkafka');

const run = `bench-kpi-latency-${Date.now().toString(36)}`;
const database = run.replaceAll('-', '_');
const config: ShelfstreamConfig = { ...base, clickhouse: { ...base.clickhouse, database } };
const orders = { topic: `${run}.orders`, partitions };
const driver = createKafkaDriver(config, driverName);
const serde = new AvroSerde(new InMemorySchemaRegistry());
const admin = createClickHouseClient(config);
await ensureDatabase(admin, database);
const client = createClickHouseClient(config, database);
const kafka = await driver.admin();
await kafka.createTopics([orders]);
const topology = salesPipelineTopology({ applicationId: run, orders, enrichedTopic: `${run}.enriched-orders`, serde, config });
const runner = new TopologyRunner({ topology, driver, processingGuarantee: config.kafka.processingGuarantee });
const producer = driver.producer();
const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
const silver = salesSilverTable({ applicationId: run });

/** Orders the KPI table counts now. */
async function visibleOrders(range: { fromMs: number; toMs: number }): Promise<number> {
  const rows = await salesKpis(clientSqlEngine(client), { bucket: 'minute', range, groupBy: [], limit: 100_000 });
  return rows.reduce((sum, row) => sum + row.orders, 0);
}

/** Mean checkpoint of each sub-topology over the run, in ms, from the runtime's batch histogram. */
async function meanCheckpointMs(): Promise<Record<string, number>> {
  const means = new Map<string, { sum: number; count: number }>();
  for (const v of (await runner.metrics.batchSeconds.get()).values) {
    if (v.labels.phase !== 'checkpoint') continue;
    const m = means.get(String(v.labels.sub_topology)) ?? { sum: 0, count: 0 };
    if (v.metricName?.endsWith('_sum') === true) m.sum = v.value;
    if (v.metricName?.endsWith('_count') === true) m.count = v.value;
    means.set(String(v.labels.sub_topology), m);
  }
  return Object.fromEntries([...means].map(([sub, m]) => [sub, Math.round((m.sum / Math.max(1, m.count)) * 1000)]));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

try {
  await runner.start();
  await producer.connect();
  const start = Date.now();
  const range = { fromMs: start - DAY_MS, toMs: start + DAY_MS };
  const schema = readSchemaFile('sales-order');
  const total = rate * seconds;
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const generated = generateOrders({ seed: 7, count: total, start, eventsPerSecond: rate });
  /** Per tick: when its orders were handed over and how many orders were produced by its end. */
  const ticks: { sentAt: number; through: number }[] = [];
  const visibleAt: number[] = [];
  const producing = { done: false };
  const poller = (async () => {
    while (!producing.done || visibleAt.length < ticks.length) {
      // A read that is safe to repeat: on a saturated event loop the client may reuse a keep-alive
      // socket ClickHouse has just closed (socket hang up), and the run must not end on it.
      const visible = await retry(() => visibleOrders(range), { retries: 5, initialDelayMs: 50, maxDelayMs: 1_000, isRetriable: () => true });
      const now = performance.now();
      while (visibleAt.length < ticks.length && (ticks[visibleAt.length]?.through ?? Infinity) <= visible) visibleAt.push(now);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  })();

  const loopFrom = performance.eventLoopUtilization();
  const cpuFrom = process.cpuUsage();
  const producedFrom = performance.now();
  let produced = 0;
  while (produced < total) {
    const due = producedFrom + ticks.length * TICK_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = performance.now();
    const records = [];
    for (let i = 0; i < perTick && produced < total; i++, produced++) {
      const next = generated.next();
      if (next.done === true) break;
      records.push({
        key: await serde.serialize(subjectName(orders.topic, 'key'), KEY_SCHEMA, next.value.key),
        value: await serde.serialize(subjectName(orders.topic, 'value'), schema, next.value.value),
        timestamp: next.value.timestamp,
      });
    }
    await producer.send(orders.topic, records);
    ticks.push({ sentAt, through: produced });
  }
  const producedSeconds = (performance.now() - producedFrom) / 1000;
  producing.done = true;
  await poller;
  const cpu = process.cpuUsage(cpuFrom);
  const loop = performance.eventLoopUtilization(loopFrom);

  const latencies = ticks.map((tick, i) => (visibleAt[i] ?? Number.NaN) - tick.sentAt).sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      driver: driverName,
      guarantee: config.kafka.processingGuarantee,
      targetRate: rate,
      achievedRate: Math.round(produced / producedSeconds),
      orders: produced,
      partitions,
      ticks: ticks.length,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(latencies.at(-1) ?? Number.NaN),
      cpuMicrosPerOrder: Math.round((cpu.user + cpu.system) / produced),
      eventLoopUtilization: Number(loop.utilization.toFixed(2)),
      meanCheckpointMs: await meanCheckpointMs(),
    })}\n`,
  );
} finally {
  await producer.disconnect();
  await runner.stop();
  // Every topic of the run: its inputs, outputs and the runtime's internal ones share its name.
  await kafka.deleteTopics((await kafka.listTopics()).filter((topic) => topic.startsWith(run)));
  await kafka.close();
  if ((await catalog.listNamespaces()).some((ns) => ns.join('.') === silver.namespace.join('.'))) {
    if ((await catalog.listTables(silver.namespace)).some((t) => t.name === silver.name)) await catalog.dropTable(silver, true);
    await catalog.dropNamespace(silver.namespace);
  }
  await client.close();
  await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
  await admin.close();
}
