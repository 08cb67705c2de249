import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { clientSqlEngine } from '../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../infra/clickhouse/create-clickhouse-client.ts';
import { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import { ORDER_SINKS, reconcileSales, type SalesReconciliation } from '../../sinks/reconcile/sales-reconciliation.ts';
import { revenueNames } from '../../streams/orders/revenue-names.ts';
import { configFrom } from '../global-options.ts';
import { mainJobNames, type MainJobNames } from '../main-job.ts';
import { mainJobIcebergTables } from '../wipe-main-job.ts';

const DAY = 86_400_000;

/** The main job's sales orders reconciled: its orders topic against the enriched topic, ClickHouse and the Iceberg silver and gold tables. */
export async function reconcileMainJob(config: ShelfstreamConfig, names: MainJobNames): Promise<SalesReconciliation> {
  const client = createClickHouseClient(config, config.clickhouse.database);
  try {
    const { silver, gold } = mainJobIcebergTables(names);
    return await reconcileSales({
      driver: createKafkaDriver(config),
      serde: new AvroSerde(createSchemaRegistryClient(config)),
      ordersTopic: names.ordersTopic,
      enrichedTopic: names.enrichedTopic,
      clickhouse: clientSqlEngine(client),
      catalog: new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 }),
      io: new IcebergFileIO(createMinioClient(config)),
      silver,
      gold: { table: gold, metric: revenueNames(DAY).metric },
    });
  } finally {
    await client.close();
  }
}

const FLAG = '  <- differs';

/** The reconciliation as a table per partition and one per day, every difference flagged and traced to its source offsets. */
export function reconciliationLines(result: SalesReconciliation): string[] {
  const cell = (value: string | number, width = 12) => String(value).padStart(width);
  const lines = [
    `${'partition'.padEnd(10)}${cell('events')}${cell('orders')}${ORDER_SINKS.map((s) => cell(s, 28)).join('')}`,
    ...result.partitions.map((p) => `${String(p.partition).padEnd(10)}${cell(p.sourceEvents)}${cell(p.sourceOrders)}${ORDER_SINKS.map((s) => cell(p.sinks[s], 28)).join('')}${p.differences.length > 0 ? FLAG : ''}`),
  ];
  for (const p of result.partitions) {
    for (const d of p.differences) {
      if (d.missing.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} lacks the orders at offsets ${d.missing.join(', ')}`);
      if (d.doubled.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} holds more than once the orders at offsets ${d.doubled.join(', ')}`);
    }
  }
  for (const [sink, ids] of Object.entries(result.strays)) if (ids.length > 0) lines.push(`  ${sink} holds orders the source lacks: ${ids.join(', ')}`);
  lines.push(
    `${'day'.padEnd(12)}${cell('enriched')}${cell('silver')}${cell('gold')}${cell('ch-kpis')}`,
    ...result.days.map((d) => `${d.day.padEnd(12)}${cell(d.enriched)}${cell(d.silver)}${cell(d.gold)}${cell(d.clickhouseKpis)}${d.differs ? FLAG : ''}`),
    result.differs ? 'differences found' : 'no difference: the orders topic, the enriched topic, ClickHouse and Iceberg agree',
  );
  return lines;
}

export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description("compare the main job's orders topic with what its sinks hold (enriched topic, ClickHouse orders_raw/orders_enriched and KPIs, Iceberg silver and gold), per partition and per day; exit code 1 on any difference")
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, as given to run", 'shelfstream')
    .action(async (flags: { prefix: string }, command: Command) => {
      const result = await reconcileMainJob(configFrom(command), mainJobNames(flags.prefix));
      console.log(reconciliationLines(result).join('\n'));
      if (result.differs) process.exitCode = 1;
    });
}
