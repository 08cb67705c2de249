import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { icebergSchemaFromAvro } from '../../../infra/iceberg/avro-to-iceberg-schema.ts';
import { IcebergFileIO } from '../../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { partitionSpec } from '../../../infra/iceberg/partition-spec-builder.ts';
import { firstValueFrom, of } from 'rxjs';
import { RowRejectedError } from '../../../errors/index.ts';
import type { KafkaProducer } from '../../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import { icebergTableSink, type IcebergRow } from '../../../sinks/iceberg/iceberg-table-sink.ts';
import { emptyOutcomes, type Batch } from '../../../streams/batch.ts';
import { mapOrDeadLetter } from '../../../streams/map-or-dead-letter.ts';
import type { StreamRecord } from '../../../streams/stream-record.ts';
import { pyicebergPython, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const topic = 'orders';
const jan1 = Date.UTC(2026, 0, 1);

interface Order {
  readonly id: number;
  readonly category: string | null;
}

/** The checkpoint's producer: this sink writes no Kafka records, so nothing may be sent through it. */
const producer: KafkaProducer = {
  connect: () => Promise.resolve(),
  send: (to) => Promise.reject(new Error(`the Iceberg sink sent records to ${to}`)),
  disconnect: () => Promise.resolve(),
};

const batch = (partition: number, from: number, orders: readonly Order[]): Batch<Order> => ({
  topic,
  partition,
  records: orders.map(
    (value, i): StreamRecord<Order> => ({
      key: String(value.id),
      value,
      timestamp: jan1 + value.id * 60_000,
      headers: {},
      origin: { topic, partition, offset: String(from + i) },
      raw: { key: Buffer.from(String(value.id)), value: Buffer.from(JSON.stringify(value)) },
    }),
  ),
  ...emptyOutcomes(),
});

const orders = (...ids: number[]): Order[] => ids.map((id) => ({ id, category: id % 2 === 0 ? 'toys' : 'books' }));

describe('Iceberg table sink: the snapshot summary is the position, read back after a crash', () => {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const io = new IcebergFileIO(createMinioClient(config));
  const namespace = [uniqueName('it_iceberg_sink')];
  const table = { namespace, name: 'orders' };
  const sinkOf = icebergTableSink({ catalog, io, table });
  // The step before the sink: a record the table cannot take becomes a dead letter of the batch.
  const toRows = (input: Batch<Order>): Promise<Batch<IcebergRow>> =>
    firstValueFrom(
      of(input).pipe(
        mapOrDeadLetter('iceberg-orders', (record) => {
          if (record.value.category === null) throw new RowRejectedError('orders', 'category', 'is required');
          return { order_id: record.value.id, category: record.value.category, ordered_at: record.timestamp, kafka_offset: Number(record.origin.offset) };
        }),
      ),
    );
  const context = (partition: number) => ({ applicationId: 'iceberg-sink-test', input: { topic, partition } });
  let python: string;

  before(async () => {
    python = pyicebergPython();
    await catalog.ensureNamespace(namespace);
    const schema = icebergSchemaFromAvro({
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'order_id', type: 'long' },
        { name: 'category', type: 'string' },
        { name: 'ordered_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'kafka_offset', type: 'long' },
      ],
    });
    await catalog.createTable(namespace, { name: table.name, schema, 'partition-spec': partitionSpec(schema, [{ column: 'ordered_at', transform: 'day' }]) });
  });

  after(async () => {
    await catalog.dropTable(table, true);
    await catalog.dropNamespace(namespace);
  });

  it('a new sink reports the offset a committed flush recorded, per partition, though the Kafka offsets never committed', async () => {
    const first = sinkOf(context(0));
    assert.equal(await first.open(), undefined);
    const withBadRow = await toRows(batch(0, 0, [...orders(1, 2), { id: 3, category: null }]));
    assert.deepEqual(withBadRow.deadLetters.map((dead) => [dead.origin.offset, dead.code]), [['2', 'ROW_REJECTED']]);
    await first.add(withBadRow);
    await first.flush({ producer, next: '3' });

    // Two tasks flush at once into one table: each commit lands, each with its own partition's position.
    const other = sinkOf(context(1));
    assert.equal(await other.open(), undefined);
    await first.add(await toRows(batch(0, 3, orders(4, 5))));
    await other.add(await toRows(batch(1, 0, orders(10, 11, 12))));
    await Promise.all([first.flush({ producer, next: '5' }), other.flush({ producer, next: '3' })]);
    // The process dies here: the Kafka offsets of both checkpoints were never committed.

    const restarted = sinkOf(context(0));
    const restartedOther = sinkOf(context(1));
    assert.equal(await restarted.open(), '5');
    assert.equal(await restartedOther.open(), '3');
    assert.equal(await sinkOf(context(2)).open(), undefined);

    const view = await readWithPyiceberg(python, config, `${namespace[0]}.orders`);
    assert.deepEqual(view.rows.map((row) => row.order_id).sort((a, b) => (a as number) - (b as number)), [1, 2, 4, 5, 10, 11, 12]);
    assert.equal(view.snapshots.length, 3);
  });
});
