import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaRegistryError } from '../../../errors/index.ts';
import type { IncomingRecord, KafkaDriver, RecordBatch } from '../../../infra/kafka/kafka-driver.ts';
import { LatestValueTable } from '../../../runtime/latest-value-table.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import type { SchemaRegistryClient } from '../../../schemas/serde/schema-registry-client.ts';
import type { CatalogProduct } from '../../../schemas/types/catalog-product.ts';
import { sampleRecords } from '../../support/sample-records.ts';

const TOPIC = { topic: 'catalog', partitions: 2 };
const schema = readSchemaFile('catalog-product');

const product = (asin: string, name: string): CatalogProduct => ({ ...sampleRecords['catalog-product'], asin, name });

/**
 * A driver over in-memory partitions: readPartition hands them over in small synchronous chunks,
 * as the real ones do; the consumer replays `followFrom` of the history and then what is appended.
 */
function memoryDriver(partitions: IncomingRecord[][], followFrom: (history: IncomingRecord[]) => IncomingRecord[]) {
  let follow: ((batch: RecordBatch) => Promise<void>) | undefined;
  const state = { connected: false };
  const driver: KafkaDriver = {
    name: 'kafkajs',
    admin: () => Promise.reject(new Error('not in memory')),
    producer: () => { throw new Error('not in memory'); },
    consumer: (options) => {
      assert.deepEqual(options.topics, [TOPIC.topic]);
      assert.equal(options.fromBeginning, true);
      return {
        async run(handle) {
          follow = handle;
          state.connected = true;
          for (const records of partitions) {
            const replay = followFrom(records);
            if (replay.length > 0) await handle({ topic: TOPIC.topic, partition: replay[0]?.partition ?? 0, records: replay });
          }
        },
        paused: () => [],
        seek: () => undefined,
        transactionalProducer: () => {
          throw new Error('not in memory');
        },
        committed: () => Promise.reject(new Error('not in memory')),
        disconnect: () => {
          state.connected = false;
          return Promise.resolve();
        },
      };
    },
    async readPartition(topic, partition, handle) {
      assert.equal(topic, TOPIC.topic);
      const records = partitions[partition] ?? [];
      for (let i = 0; i < records.length; i += 2) handle(records.slice(i, i + 2));
      await Promise.resolve();
    },
  };
  const append = async (partition: number, records: IncomingRecord[]) => {
    partitions[partition]?.push(...records);
    assert.ok(follow, 'the table follows the topic after start');
    await follow({ topic: TOPIC.topic, partition, records });
  };
  return { driver, append, state };
}

function encoder(serde: AvroSerde) {
  const offsets = [0, 0];
  return async (partition: number, asin: string | null, value: CatalogProduct | null | Buffer): Promise<IncomingRecord> => ({
    topic: TOPIC.topic,
    partition,
    offset: String(offsets[partition] = (offsets[partition] ?? 0) + 1),
    key: asin === null ? null : await serde.serialize('catalog-key', KEY_SCHEMA, asin),
    value: value === null || Buffer.isBuffer(value) ? value : await serde.serialize('catalog-value', schema, value),
    headers: {},
    timestamp: 0,
  });
}

describe('LatestValueTable', () => {
  it('can be built from entries, for tests of the steps that read it', async () => {
    const table = LatestValueTable.fromEntries([['B001', 1], ['B002', 2]], 'numbers');
    await table.start();
    assert.equal(table.name, 'numbers');
    assert.equal(table.size, 2);
    assert.equal(table.get('B002'), 2);
    assert.equal(table.get('B003'), undefined);
    await table.stop();
  });

  it('loads every partition to its end: latest value per key, tombstones delete, unreadable records are skipped and counted', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const record = encoder(serde);
    const partitions = [
      [await record(0, 'B001', product('B001', 'kettle')), await record(0, 'B002', product('B002', 'toaster')), await record(0, 'B001', product('B001', 'steel kettle')), await record(0, 'B002', null), await record(0, null, product('B009', 'no key'))],
      [await record(1, 'B003', product('B003', 'lamp')), await record(1, 'B004', Buffer.from('garbage')), await record(1, 'B005', product('B005', 'mug'))],
    ];
    // The follower, reading from the beginning, is part-way through the history when start resolves.
    const { driver, append, state } = memoryDriver(partitions, (history) => history.slice(0, 1));
    const table = LatestValueTable.fromTopic({ driver, topic: TOPIC, serde, schema });
    await table.start();
    assert.equal(table.name, 'catalog');
    assert.deepEqual(['B001', 'B002', 'B003', 'B004', 'B005'].map((k) => table.get(k)?.name), ['steel kettle', undefined, 'lamp', undefined, 'mug']);
    assert.equal(table.size, 3);
    assert.equal(table.skipped, 2, 'a record without key and one that does not decode');

    await append(0, [await record(0, 'B002', product('B002', 'toaster v2')), await record(0, 'B001', null)]);
    await append(1, [await record(1, 'B003', product('B003', 'desk lamp'))]);
    assert.deepEqual(['B001', 'B002', 'B003'].map((k) => table.get(k)?.name), [undefined, 'toaster v2', 'desk lamp']);
    assert.equal(table.skipped, 2);

    await table.stop();
    assert.equal(state.connected, false);
  });

  it('keeps out the values it refuses, counting them, and keeps the previous value of their key', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const record = encoder(serde);
    const partitions = [[await record(0, 'B001', product('B001', 'kettle')), await record(0, 'B001', product('B001', '')), await record(0, 'B002', product('B002', ''))], []];
    const { driver, append } = memoryDriver(partitions, () => []);
    const table = LatestValueTable.fromTopic({ driver, topic: TOPIC, serde, schema, accepts: (p) => p.name !== '' });
    await table.start();
    assert.deepEqual(['B001', 'B002'].map((k) => table.get(k)?.name), ['kettle', undefined]);
    assert.deepEqual([table.refused, table.skipped], [2, 0]);
    await append(0, [await record(0, 'B002', product('B002', 'toaster')), await record(0, 'B002', product('B002', ''))]);
    assert.equal(table.get('B002')?.name, 'toaster');
    assert.equal(table.refused, 3);
    await table.stop();
  });

  it('fails to start when the registry cannot be reached, rather than starting with a table that lacks values', async () => {
    const registry = new InMemorySchemaRegistry();
    const record = encoder(new AvroSerde(registry));
    const partitions = [[await record(0, 'B001', product('B001', 'kettle'))], []];
    const unreachable: SchemaRegistryClient = {
      register: (subject, text) => registry.register(subject, text),
      getById: () => Promise.reject(new SchemaRegistryError(503, undefined, 'store not ready')),
      getLatest: (subject) => registry.getLatest(subject),
      lookup: (subject, text) => registry.lookup(subject, text),
    };
    const { driver } = memoryDriver(partitions, () => []);
    const table = LatestValueTable.fromTopic({ driver, topic: TOPIC, serde: new AvroSerde(unreachable), schema });
    await assert.rejects(table.start(), (error) => error instanceof SchemaRegistryError && error.retriable);
    await table.stop();
  });
});
