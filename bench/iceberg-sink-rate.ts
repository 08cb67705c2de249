/**
 * Rows per second into committed Iceberg files through the append sink, and the latency of its
 * commits, on the running stack's REST catalog and MinIO (Kafka in memory, so only the sink is
 * measured):
 *
 *   npx tsx bench/iceberg-sink-rate.ts [--rows 50000] [--partitions 2] [--batch 2000] [--flush-bytes 2097152]
 *
 * Enriched orders go into a silver table of their own (the EnrichedOrder schema, partitioned by
 * day), dropped at the end. A commit is one sink flush: Parquet files written, then the snapshot
 * committed through the catalog (rebased when the other partition's task committed first).
 * `--flush-bytes` is the sink's size bound (SHELFSTREAM_ICEBERG_FLUSH_BYTES), which sets how many
 * commits the run makes. Output: one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import { currentSnapshot } from '../infra/iceberg/table-metadata.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import { icebergTableSink, type IcebergRow } from '../sinks/iceberg/iceberg-table-sink.ts';
import type { SinkFactory } from '../sinks/sink.ts';
import type { EnrichedOrder } from '../schemas/types/enriched-order.ts';
import { mapOrDeadLetter } from '../streams/map-or-dead-letter.ts';
import { enrichedOrderIcebergRow } from '../streams/orders/enriched-order-iceberg-row.ts';
import { enrichedOrdersIcebergSchema, ensureEnrichedOrdersIcebergTable } from '../streams/orders/enriched-orders-iceberg-table.ts';
import { sampleRecords } from '../test/support/sample-records.ts';
import { runInMemorySink } from './in-memory-sink-run.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '50000' },
    partitions: { type: 'string', default: '2' },
    batch: { type: 'string', default: '2000' },
    'flush-bytes': { type: 'string', default: String(2 * 1024 * 1024) },
  },
});
const rows = Number(values.rows);
const partitions = Number(values.partitions);
const batch = Number(values.batch);
const flushBytes = Number(values['flush-bytes']);
if (![rows, partitions, batch, flushBytes].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--rows, --partitions, --batch and --flush-bytes take positive integers');

/** Orders over ten days, so each commit writes a file into several day partitions. */
const order = (i: number): EnrichedOrder => {
  const sample = sampleRecords['enriched-order'];
  return { ...sample, order_id: `ORD${String(i).padStart(8, '0')}`, order_date: sample.order_date + (i % 10), customer_id: `CUST${i % 997}`, quantity: 1 + (i % 5) };
};

/** The sink with each flush that has rows timed: such a flush is the table commit, files and snapshot. */
function timed<T>(factory: SinkFactory<T>, commitMs: number[]): SinkFactory<T> {
  return (context) => {
    const sink = factory(context);
    let pending = false;
    return {
      ...sink,
      add(added) {
        pending ||= added.records.length > 0;
        return sink.add(added);
      },
      async flush(checkpoint) {
        const started = performance.now();
        await sink.flush(checkpoint);
        if (pending) commitMs.push(performance.now() - started);
        pending = false;
      },
    };
  };
}

const percentile = (sorted: readonly number[], p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

const config = loadConfig();
const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 60_000 });
const io = new IcebergFileIO(createMinioClient(config));
const table = { namespace: [`bench_sink_${Date.now().toString(36)}`], name: 'orders_silver' };
await ensureEnrichedOrdersIcebergTable(catalog, table);
try {
  const schema = enrichedOrdersIcebergSchema();
  const commitMs: number[] = [];
  const sink = icebergTableSink({ catalog, io, table, flush: { intervalMs: config.iceberg.flush.intervalMs, bytes: flushBytes } });
  const { seconds } = await runInMemorySink({
    applicationId: 'bench-iceberg-sink',
    topic: 'bench.orders-enriched',
    partitions,
    batch,
    records: Array.from({ length: rows }, (_, i) => ({ key: Buffer.from(String(i)), value: Buffer.from(JSON.stringify(order(i))), partition: i % partitions })),
    load: (topic) =>
      subTopology('load', topic)
        .step('rows', ({ name }) => mapOrDeadLetter(name, (r: { value: Buffer | null }): IcebergRow => enrichedOrderIcebergRow(table.name, schema, JSON.parse(r.value?.toString() ?? '{}') as EnrichedOrder)))
        .to('silver', timed(sink, commitMs)),
  });

  const stored = Number(currentSnapshot((await catalog.loadTable(table)).metadata)?.summary['total-records'] ?? 0);
  const sorted = [...commitMs].sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      rows,
      partitions,
      batch,
      flushBytes,
      stored,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(stored / seconds),
      commits: sorted.length,
      commitP50Ms: percentile(sorted, 50),
      commitP99Ms: percentile(sorted, 99),
      commitMaxMs: Math.round(sorted.at(-1) ?? 0),
    })}\n`,
  );
} finally {
  await catalog.dropTable(table, true);
  await catalog.dropNamespace(table.namespace);
}
