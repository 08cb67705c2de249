import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { OutgoingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import type { FlushPolicy } from '../../../sinks/flush-trigger.ts';
import { icebergTableSink, type IcebergRow } from '../../../sinks/iceberg/iceberg-table-sink.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { mapValues } from '../../../streams/map-records.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { until } from '../../support/in-memory-stack.ts';
import { pyicebergPython, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

// Small fetches, so the orders arrive in dozens of batches.
const config = loadConfig({ ...process.env, SHELFSTREAM_KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '4096', SHELFSTREAM_KAFKA_FETCH_MAX_BYTES: String(2 * 1024 * 1024) });
const COUNT = 2000;
const jan1 = Date.UTC(2026, 0, 1);

describe('Iceberg sink flush policy: the runtime checkpoints when the table asks, so a longer interval makes fewer snapshots', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const namespace = [uniqueName('it_flush_interval')];
  const input = { topic: uniqueName('flush-orders'), partitions: 1 };
  // kafkajs hands over one fetch's record batches at a time; node-rdkafka's first call would take the whole prefetched input as one batch.
  const driver = createKafkaDriver(config, 'kafkajs');
  const tables: string[] = [];
  let python: string;

  before(async () => {
    python = pyicebergPython();
    await catalog.ensureNamespace(namespace);
    const admin = await driver.admin();
    try {
      await admin.createTopics([input]);
    } finally {
      await admin.close();
    }
    const producer = driver.producer();
    await producer.connect();
    const records: OutgoingRecord[] = Array.from({ length: COUNT }, (_, i) => ({
      key: Buffer.from(String(i)),
      value: Buffer.from(JSON.stringify({ id: i, note: 'x'.repeat(80) })),
      timestamp: jan1 + i * 1000,
    }));
    // Sent in many requests: a fetch returns at least one whole record batch, however small its bound.
    for (let i = 0; i < COUNT; i += 40) await producer.send(input.topic, records.slice(i, i + 40));
    await producer.disconnect();
  });

  after(async () => {
    for (const name of tables) await catalog.dropTable({ namespace, name }, true);
    await catalog.dropNamespace(namespace);
    const admin = await driver.admin();
    await admin.deleteTopics([input.topic]).catch(() => undefined);
    await admin.close();
  });

  /** Loads the whole input into a fresh table under `flush`; returns the table's snapshots and rows as pyiceberg reads them. */
  async function load(name: string, flush: FlushPolicy | undefined, commitIntervalMs: number) {
    const schema = icebergSchemaFromAvro({
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'ordered_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    });
    await catalog.createTable(namespace, { name, schema, 'partition-spec': partitionSpec(schema, [{ column: 'ordered_at', transform: 'day' }]) });
    tables.push(name);
    const applicationId = uniqueName(`flush-${name}`).replaceAll('_', '-');
    const topology = new Topology({
      applicationId,
      inputs: [input],
      subTopologies: [
        subTopology('load', input.topic)
          .step('rows', () => mapValues<Buffer | null, IcebergRow>((v, r) => ({ id: (JSON.parse(v?.toString() ?? '{}') as { id: number }).id, ordered_at: r.timestamp })))
          .to('table', icebergTableSink({ catalog, io, table: { namespace, name }, ...(flush === undefined ? {} : { flush }) })),
      ],
      sideOutputs: sideOutputSink,
    });
    const runner = new TopologyRunner({ topology, driver, commitIntervalMs });
    await runner.start();
    try {
      await until('every order committed', async () => (await committedTotal(config, applicationId, input.topic)) === BigInt(COUNT), 120_000);
    } finally {
      await runner.stop();
    }
    const batches = (await runner.metrics.batchRecords.get()).values.find((v) => v.metricName === 'shelfstream_batch_records_count')?.value ?? 0;
    const view = await readWithPyiceberg(python, config, `${namespace[0]}.${name}`);
    return { batches, snapshots: view.snapshots.length, ids: view.rows.map((row) => Number(row.id)).sort((a, b) => a - b) };
  }

  it('one snapshot per checkpoint without a policy, one per flush interval or size with one, every order once', async () => {
    const every = Array.from({ length: COUNT }, (_, i) => i);
    const perCheckpoint = await load('per_checkpoint', undefined, 1);
    const bySize = await load('by_size', { intervalMs: 600_000, bytes: 50_000 }, 1);
    const byTime = await load('by_time', { intervalMs: 600_000, bytes: 1_000_000_000 }, 1);
    for (const run of [perCheckpoint, bySize, byTime]) assert.deepEqual(run.ids, every);
    assert.ok(perCheckpoint.batches >= 10, `the orders came in ${perCheckpoint.batches} batches`);
    // A 1 ms commit interval: about a snapshot a batch.
    assert.ok(perCheckpoint.snapshots >= perCheckpoint.batches / 2, `${perCheckpoint.snapshots} snapshots for ${perCheckpoint.batches} batches`);
    // 50 KB of input a flush: about 2000 × 110 bytes / 50 KB, give or take a batch's worth each time.
    assert.ok(bySize.snapshots >= 3 && bySize.snapshots <= 6, `${bySize.snapshots} snapshots by size`);
    // Ten minutes never elapse: the only checkpoint is the one at the end of the input.
    assert.equal(byTime.snapshots, 1);
  });
});
