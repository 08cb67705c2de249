import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rebuildMainJob } from '../../../cli/commands/rebuild-command.ts';
import { reconcileMainJob } from '../../../cli/commands/reconcile-command.ts';
import { mainJobNames, runMainJob, type MainJobNames } from '../../../cli/main-job.ts';
import { mainJobGroups, mainJobIcebergTables } from '../../../cli/wipe-main-job.ts';
import { loadConfig, type ShelfstreamConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sqlIdentifier } from '../../../infra/clickhouse/ensure-database.ts';
import { sql } from '../../../infra/clickhouse/sql-literal.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../../infra/iceberg/iceberg-table.ts';
import type { TableIdentifier } from '../../../infra/iceberg/iceberg-types.ts';
import { readTableRows } from '../../../infra/iceberg/read-table-rows.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { deleteConsumerGroups } from '../../../infra/kafka/delete-consumer-groups.ts';
import { kafkaConnection } from '../../../infra/kafka/kafka-connection.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import { salesKpis } from '../../../sinks/clickhouse/kpi-queries/index.ts';
import type { SalesReconciliation } from '../../../sinks/reconcile/sales-reconciliation.ts';
import { readProgressAnnouncement } from '../../../streams/progress-announcement.ts';
import { dropIcebergTables } from '../../support/drop-iceberg-tables.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { runCli } from '../../support/run-cli.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const scratch: string[] = [];
const databases: string[] = [];
const prefixes: string[] = [];
const icebergTables: TableIdentifier[] = [];

/** What a reader of the results sees: sales KPIs per category and currency, and the gold table's windows. */
async function results(config: ShelfstreamConfig, names: MainJobNames) {
  const client = createClickHouseClient(config, config.clickhouse.database);
  const kpis = await salesKpis(clientSqlEngine(client), { bucket: 'hour', range: { fromMs: 0, toMs: 4_102_444_800_000 }, groupBy: ['category'], limit: 100_000 });
  await client.close();
  const perCategory = new Map<string, { orders: number; revenueMinor: number; netRevenueMinor: number; units: number }>();
  for (const row of kpis) {
    const key = `${row.category ?? ''}|${row.currency}`;
    const sum = perCategory.get(key) ?? { orders: 0, revenueMinor: 0, netRevenueMinor: 0, units: 0 };
    perCategory.set(key, { orders: sum.orders + row.orders, revenueMinor: sum.revenueMinor + row.revenueMinor, netRevenueMinor: sum.netRevenueMinor + row.netRevenueMinor, units: sum.units + row.units });
  }
  const io = new IcebergFileIO(createMinioClient(config));
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  // emitted_at is when a window left, which a rebuild changes; everything else must be the same.
  const gold = (await readTableRows(await IcebergTable.load(catalog, io, mainJobIcebergTables(names).gold), io))
    .map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'emitted_at')))
    .sort((a, b) => `${String(a.key)}|${String(a.window_start)}`.localeCompare(`${String(b.key)}|${String(b.window_start)}`));
  return { kpis: Object.fromEntries([...perCategory].sort()), gold };
}

function assertNoDifference(result: SalesReconciliation, orders: number): void {
  assert.equal(result.differs, false, JSON.stringify(result, null, 1));
  assert.equal(result.partitions.reduce((sum, p) => sum + p.sourceOrders, 0), orders);
  for (const p of result.partitions) assert.deepEqual(Object.values(p.sinks), [p.sourceOrders, p.sourceOrders, p.sourceOrders, p.sourceOrders]);
  assert.equal(result.days.length, 3, 'the sample spans three days');
}

async function rebuildAndReconcile(driver: ShelfstreamConfig['kafka']['driver']): Promise<void> {
  const prefix = uniqueName('it-rebuild').replaceAll('_', '-');
  prefixes.push(prefix);
  const config: ShelfstreamConfig = { ...base, kafka: { ...base.kafka, driver }, clickhouse: { ...base.clickhouse, database: prefix.replaceAll('-', '_') } };
  databases.push(config.clickhouse.database);
  const stackDir = await mkdtemp(path.join(tmpdir(), 'shelfstream-rebuild-'));
  scratch.push(stackDir);
  const names = mainJobNames(prefix);
  icebergTables.push(...Object.values(mainJobIcebergTables(names)));

  const first = await runMainJob(config, stackDir, () => undefined, names);
  const orders = first.replay.produced;
  assertNoDifference(await reconcileMainJob(config, names), orders);
  const before = await results(config, names);
  assert.equal(before.gold.length, first.windows.length);
  assert.equal(Object.values(before.kpis).reduce((sum, k) => sum + k.orders, 0), orders);

  const { wiped, report: rebuilt } = await rebuildMainJob(config, stackDir, () => undefined, names);
  for (const input of [names.ordersTopic, names.productsTopic, names.observationsTopic]) assert.ok(!wiped.topics.includes(input), `the input ${input} is never wiped`);
  assert.ok(wiped.topics.includes(names.enrichedTopic) && wiped.topics.includes(names.outputTopic), wiped.topics.join(', '));
  assert.ok(wiped.topics.some((t) => t.endsWith('.changelog')), 'changelogs are wiped');
  for (const table of ['orders_raw', 'orders_enriched', 'sales_kpis_minute', 'sales_kpis_hour', 'catalog_products_raw', 'observations_enriched', 'shelfstream_insert_ledger']) {
    assert.ok(wiped.clickhouseTables.includes(table), `${table} is wiped: ${wiped.clickhouseTables.join(', ')}`);
  }
  assert.ok(!wiped.clickhouseTables.includes('schema_migrations'), 'the migrations table is kept');
  assert.equal(wiped.icebergTables.length, 2);
  assert.deepEqual({ produced: rebuilt.replay.produced, skipped: rebuilt.replay.skipped }, { produced: 0, skipped: first.replay.rowsRead }, 'the orders were read again, not produced again');
  assert.deepEqual(rebuilt.sinks, first.sinks, 'the rebuilt sinks hold what the first run left');
  assert.deepEqual(rebuilt.windows, first.windows);
  assert.deepEqual(await results(config, names), before, 'KPIs and gold windows equal the first run\'s');
  assertNoDifference(await reconcileMainJob(config, names), orders);

  // Break ClickHouse behind the pipeline's back: two orders of one source partition deleted from
  // orders_enriched (a mutation on 18.16), one order of another partition inserted again into orders_raw.
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const source = new Map<string, { partition: number; offset: string }>();
  for (const r of await readTopic(createKafkaDriver(config), names.ordersTopic, 3)) {
    if (r.key !== null && readProgressAnnouncement(r) === undefined) source.set(await serde.deserialize(r.key, KEY_SCHEMA), { partition: r.partition, offset: r.offset });
  }
  const inPartition = (p: number) => [...source].filter(([, o]) => o.partition === p).map(([id]) => id).sort();
  const deleted = inPartition(1).slice(0, 2);
  const [doubled = ''] = inPartition(2);
  const client = createClickHouseClient(config, config.clickhouse.database);
  const engine = clientSqlEngine(client);
  await engine.execute(sql`ALTER TABLE orders_enriched DELETE WHERE has(${deleted}, order_id)`);
  await engine.execute(sql`INSERT INTO orders_raw SELECT * FROM orders_raw WHERE order_id = ${doubled}`);
  const left = await eventually(async () => (await engine.rows<{ n: number }>(sql`SELECT count() AS n FROM orders_enriched WHERE has(${deleted}, order_id)`))[0]?.n, (n) => n === 0);
  await client.close();
  assert.equal(left, 0, 'the delete mutation finished');

  const offsets = (ids: readonly string[]) => ids.map((id) => source.get(id)?.offset ?? '').sort((a, b) => Number(a) - Number(b));
  const broken = await reconcileMainJob(config, names);
  assert.equal(broken.differs, true);
  assert.deepEqual(
    broken.partitions.map((p) => ({ partition: p.partition, differences: p.differences })),
    [
      { partition: 0, differences: [] },
      { partition: 1, differences: [{ sink: 'clickhouse-orders-enriched', missing: offsets(deleted), doubled: [] }] },
      { partition: 2, differences: [{ sink: 'clickhouse-orders-raw', missing: [], doubled: offsets([doubled]) }] },
    ],
  );
  assert.deepEqual(broken.days.filter((d) => d.differs), [], 'per day the sinks still agree: the KPIs were derived at insert');

  // The command says so too, with exit code 1 and the offsets.
  const cli = await runCli(['reconcile', '--prefix', prefix], { SHELFSTREAM_KAFKA_DRIVER: driver, SHELFSTREAM_CLICKHOUSE_DATABASE: config.clickhouse.database });
  assert.equal(cli.code, 1, cli.stderr);
  assert.match(cli.stdout, new RegExp(`partition 1: clickhouse-orders-enriched lacks the orders at offsets ${offsets(deleted).join(', ')}`));
  assert.match(cli.stdout, new RegExp(`partition 2: clickhouse-orders-raw holds more than once the orders at offsets ${offsets([doubled]).join(', ')}`));
}

describe('shelfstream rebuild and reconcile on the main job', () => {
  after(async () => {
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
    const admin = createClickHouseClient(base);
    for (const database of databases) await admin.command({ query: `DROP DATABASE IF EXISTS ${sqlIdentifier(database)}` });
    await admin.close();
    await dropIcebergTables(new IcebergRestCatalog({ url: base.iceberg.catalogUrl, timeoutMs: 30_000 }), icebergTables);
    await deleteConsumerGroups(kafkaConnection(base), prefixes.flatMap((prefix) => mainJobGroups(mainJobNames(prefix))));
    const kafka = await createKafkaDriver(base).admin();
    await kafka.deleteTopics((await kafka.listTopics()).filter((topic) => prefixes.some((prefix) => topic.startsWith(prefix))));
    await kafka.close();
  });

  it('rebuilds KPIs and gold windows equal to the first run, reconciles them, and traces deleted and doubled ClickHouse rows to their offsets (kafkajs)', () => rebuildAndReconcile('kafkajs'));

  it('does the same on node-rdkafka', () => rebuildAndReconcile('rdkafka'));
});
