import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../../../infra/iceberg/iceberg-types.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord, OutgoingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { parseAvroSchema } from '../../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../../schemas/serde/create-schema-registry-client.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import { bronzeTable, bronzeTopology } from '../../../topology/bronze-topology.ts';
import { committedTotal } from '../../support/committed-offsets.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const jan5 = Date.UTC(2026, 0, 5, 12);
const day = 86_400_000;

const order = (n: number) => ({ ...sampleRecords['sales-order'], order_id: `ORD-BRONZE-${n}`, quantity: n });
const review = (n: number) => ({ ...sampleRecords['crawled-review'], review_id: `R-BRONZE-${n}`, rating: n });
// The reviews subject's next version: an optional field with a default (BACKWARD compatible).
const reviewV2Json = JSON.parse(readSchemaFile('crawled-review').text) as { fields: unknown[] };
const reviewV2 = parseAvroSchema(JSON.stringify({ ...reviewV2Json, fields: [...reviewV2Json.fields, { name: 'language', type: ['null', 'string'], default: null, doc: 'Language of the review' }] }));
// A version no Iceberg table can follow (rating from int to string), registered under compatibility NONE.
const reviewV3 = parseAvroSchema(
  JSON.stringify({ ...reviewV2Json, fields: reviewV2Json.fields.map((field) => ((field as { name: string }).name === 'rating' ? { ...(field as object), type: 'string' } : field)) }),
);

/** The record columns of a bronze row as the readers print them (timestamps in µs, bytes as hex). */
const recordColumns = (record: IncomingRecord, schemaId: number | null, decodeError: string | null = null): Record<string, unknown> => ({
  _kafka_topic: record.topic,
  _kafka_partition: record.partition,
  _kafka_offset: Number(record.offset),
  _kafka_timestamp: record.timestamp * 1000,
  _kafka_key: record.key?.toString('hex') ?? null,
  _schema_id: schemaId,
  _raw: record.value?.toString('hex') ?? null,
  _decode_error: decodeError,
});

const byCoordinates = (rows: readonly Record<string, unknown>[]): Record<string, unknown>[] =>
  [...rows].sort((a, b) => Number(a._kafka_partition) - Number(b._kafka_partition) || Number(a._kafka_offset) - Number(b._kafka_offset));
const inOrder = (records: readonly IncomingRecord[]): IncomingRecord[] => [...records].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
const body = (record: IncomingRecord): Buffer => record.value?.subarray(5) ?? Buffer.alloc(0);

describe('bronze: every raw record in its topic\'s Iceberg table, as received', () => {
  const driver = createKafkaDriver(config, 'kafkajs');
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
  const app = uniqueName('it-bronze').replaceAll('_', '-');
  const namespace = app.replaceAll('-', '_');
  const topics = { orders: `${app}.orders`, reviews: `${app}.reviews` };
  const tables: TableIdentifier[] = [bronzeTable(namespace, topics.orders), bronzeTable(namespace, topics.reviews)];
  let python: string;

  before(async () => {
    python = pyicebergPython();
    const admin = await driver.admin();
    await admin.createTopics(Object.values(topics).map((topic) => ({ topic, partitions: PARTITIONS })));
    await admin.close();
  });

  after(async () => {
    for (const table of tables) await catalog.dropTable(table, true).catch(() => undefined);
    await catalog.dropNamespace([namespace]).catch(() => undefined);
  });

  const produce = async (topic: string, records: readonly OutgoingRecord[]): Promise<void> => {
    const producer = driver.producer();
    await producer.connect();
    await producer.send(topic, records);
    await producer.disconnect();
  };
  const keyOf = (topic: string, key: string) => serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, key);

  it('orders, reviews and an undecodable record land with their values, raw bytes and Kafka coordinates; a new optional review field becomes a column mid-stream, old rows null in it; pyiceberg and DuckDB agree', async () => {
    const orderSchema = readSchemaFile('sales-order');
    const reviewSchema = readSchemaFile('crawled-review');
    const garbage = Buffer.from('not avro: a line some client wrote by mistake\n');
    await produce(topics.orders, [
      ...(await Promise.all([1, 2].map(async (n) => ({ key: await keyOf(topics.orders, order(n).order_id), value: await serde.serialize(subjectName(topics.orders, 'value'), orderSchema, order(n)), partition: n % PARTITIONS, timestamp: jan5 + n })))),
      { key: Buffer.from('raw-key'), value: garbage, partition: 1, timestamp: jan5 + day },
    ]);
    await produce(
      topics.reviews,
      await Promise.all([1, 2].map(async (n) => ({ key: await keyOf(topics.reviews, review(n).asin), value: await serde.serialize(subjectName(topics.reviews, 'value'), reviewSchema, review(n)), partition: 0, timestamp: jan5 + n }))),
    );

    const topology = () => bronzeTopology({ applicationId: app, topics: Object.values(topics).map((topic) => ({ topic, partitions: PARTITIONS })), config, namespace });
    const runner = new TopologyRunner({ topology: topology(), driver, processingGuarantee: config.kafka.processingGuarantee });
    await runner.start();
    try {
      await eventually(() => committedTotal(config, app, topics.orders), (n) => n === 3n, 90_000);
      await eventually(() => committedTotal(config, app, topics.reviews), (n) => n === 2n, 90_000);
      // Mid-stream, the reviews subject gains a version with an optional field, and a review is written with it.
      await produce(topics.reviews, [
        { key: await keyOf(topics.reviews, 'B0V2'), value: await serde.serialize(subjectName(topics.reviews, 'value'), reviewV2, { ...review(3), language: 'en' }), partition: 1, timestamp: jan5 + 2 * day },
      ]);
      await eventually(() => committedTotal(config, app, topics.reviews), (n) => n === 3n, 90_000);
      await fetch(`${config.schemaRegistry.url}/config/${subjectName(topics.reviews, 'value')}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ compatibility: 'NONE' }) });
      await produce(topics.reviews, [
        { key: await keyOf(topics.reviews, 'B0V3'), value: await serde.serialize(subjectName(topics.reviews, 'value'), reviewV3, { ...review(4), rating: 'four' }), partition: 1, timestamp: jan5 + 2 * day },
      ]);
      await eventually(() => committedTotal(config, app, topics.reviews), (n) => n === 4n, 90_000);
    } finally {
      await runner.stop();
    }
    // Restarted while the subject's newest version is one the table cannot follow: it starts, and its positions hold.
    const restarted = new TopologyRunner({ topology: topology(), driver, processingGuarantee: config.kafka.processingGuarantee });
    await restarted.start();
    await restarted.stop();

    const orderId = await serde.schemaId(subjectName(topics.orders, 'value'), orderSchema);
    const [reviewV1Id, reviewV2Id, reviewV3Id] = await Promise.all([reviewSchema, reviewV2, reviewV3].map((schema) => serde.schemaId(subjectName(topics.reviews, 'value'), schema)));
    const expectedOrders = inOrder(await readTopic(driver, topics.orders, PARTITIONS)).map((record) =>
      record.value?.equals(garbage) === true
        ? { ...Object.fromEntries(Object.keys(order(1)).map((name) => [name, null])), ...recordColumns(record, null, 'BAD_MAGIC_BYTE: first byte is 0x6e, not 0x00: not written by a Confluent Avro serializer') }
        : { ...(orderSchema.type.fromBuffer(body(record)) as Record<string, unknown>), ...recordColumns(record, orderId) },
    );
    const reviewColumns = [...Object.keys(review(1)), 'language'];
    const expectedReviews = inOrder(await readTopic(driver, topics.reviews, PARTITIONS)).map((record): Record<string, unknown> => {
      const schemaId = record.value?.readInt32BE(1);
      if (schemaId === reviewV3Id) {
        const refused = `the table cannot take schema ${reviewV3Id}: column rating is int in the table and cannot become string`;
        return { ...Object.fromEntries(reviewColumns.map((name) => [name, null])), ...recordColumns(record, schemaId ?? null, refused) };
      }
      const decoded = (schemaId === reviewV2Id ? reviewV2 : reviewSchema).type.fromBuffer(body(record)) as Record<string, unknown>;
      return { language: null, ...decoded, fetched_at: (decoded.fetched_at as number) * 1000, ...recordColumns(record, schemaId ?? null) };
    });
    assert.equal(expectedOrders.length, 3);
    assert.equal(expectedReviews.length, 4);
    assert.deepEqual(new Set(expectedReviews.map((row) => row._schema_id)), new Set([reviewV1Id, reviewV2Id, reviewV3Id]));

    const [ordersTable, reviewsTable] = tables.map((table) => `${namespace}.${table.name}`);
    const ordersView = await readWithPyiceberg(python, config, ordersTable ?? '', [`_kafka_timestamp >= '2026-01-06T00:00:00+00:00'`]);
    assert.deepEqual(byCoordinates(ordersView.rows), expectedOrders, 'pyiceberg: each order once, decoded, with its bytes and coordinates; the garbage with its bytes and null columns');
    assert.deepEqual(ordersView.filtered[0]?.rows.map((row) => row._decode_error !== null), [true], 'a day filter reads the garbage\'s day only');
    const reviewsView = await readWithPyiceberg(python, config, reviewsTable ?? '');
    assert.deepEqual(byCoordinates(reviewsView.rows), expectedReviews, 'pyiceberg: the v1 reviews read with the new column null, the v3 review kept with its bytes and the reason');

    const duckdb = interopPython('duckdb');
    for (const [table, expected] of [[tables[0], expectedOrders], [tables[1], expectedReviews]] as const) {
      const metadataLocation = table === undefined ? undefined : (await catalog.loadTable(table))['metadata-location'];
      assert.ok(metadataLocation !== undefined);
      assert.deepEqual(byCoordinates(await readWithPeer('duckdb', duckdb, config, metadataLocation)), expected, `DuckDB reads ${table?.name} alike`);
    }
    const metadata = (await catalog.loadTable(tables[1] ?? { namespace: [], name: '' })).metadata;
    const current = metadata.schemas.find((schema) => schema['schema-id'] === metadata['current-schema-id']);
    assert.equal(current?.fields.find((field) => field.name === 'language')?.id, metadata['last-column-id'], 'the new field took the next field id');
    assert.deepEqual(current.fields.filter((field) => field.required).map((field) => field.name), ['_kafka_topic', '_kafka_partition', '_kafka_offset', '_kafka_timestamp']);
  });
});
