import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { DEFAULT_GENERATOR_START, type GeneratorOptions } from '../../../sources/generator/generated-event.ts';
import { generateOrders } from '../../../sources/generator/order-generator.ts';
import { generateReviews } from '../../../sources/generator/review-generator.ts';
import { produceGenerated } from '../../../sources/generator/produce-generated.ts';
import { writeSalesCsv } from '../../../sources/generator/sales-csv-writer.ts';
import { replayCsv } from '../../../sources/replay/replay-csv.ts';
import { salesEventTime } from '../../../sources/replay/replay-event-time.ts';
import { readTopic } from '../../support/read-topic.ts';
import { runCli } from '../../support/run-cli.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const driver = createKafkaDriver(config, 'kafkajs');
const PARTITIONS = 2;
const topicName = (prefix: string): string => uniqueName(prefix).replaceAll('_', '-');

describe('generated load into Kafka', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shelfstream-generated-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('produces generated orders at a target rate: exactly the events of the seed, in event time', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const topic = topicName('it-generate');
    const options: GeneratorOptions = { seed: 3, count: 400, start: DEFAULT_GENERATOR_START, eventsPerSecond: 1 };
    const totals = await produceGenerated({ events: generateOrders(options), schema: readSchemaFile('sales-order'), topic, driver, serde, rate: 2_000, partitions: PARTITIONS });
    assert.deepEqual([totals.produced, totals.interrupted], [400, false]);

    const expected = new Map([...generateOrders(options)].map((e) => [e.key, e]));
    const records = await readTopic(driver, topic, PARTITIONS);
    assert.equal(records.length, 400);
    for (const r of records) {
      const key = await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA);
      const e = expected.get(key);
      assert.ok(e !== undefined, key);
      // Spread: avsc decodes into its own record class, the generator yields plain objects.
      assert.deepEqual({ ...(await serde.deserialize(r.value ?? Buffer.alloc(0), readSchemaFile('sales-order'))) }, e.value);
      assert.equal(r.timestamp, e.timestamp);
    }
  });

  it('resumes an interrupted run from its progress in Kafka: every event once, none lost', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const topic = topicName('it-generate-resume');
    const options: GeneratorOptions = { seed: 9, count: 600, start: DEFAULT_GENERATOR_START, eventsPerSecond: 1 };
    const resumeKey = JSON.stringify(['orders', options, topic]);
    const progressTopic = topicName('it-generator-progress');
    const abort = new AbortController();
    const common = { schema: readSchemaFile('sales-order'), topic, driver, serde, rate: 'max' as const, batchSize: 100, partitions: PARTITIONS, resumeKey, progressTopic };
    const first = await produceGenerated({ ...common, events: generateOrders(options), signal: abort.signal, onProgress: () => { abort.abort(); } });
    assert.deepEqual([first.produced, first.interrupted], [100, true]);
    const second = await produceGenerated({ ...common, events: generateOrders(options) });
    assert.deepEqual([second.skipped, second.produced], [100, 500]);

    const keys = await Promise.all((await readTopic(driver, topic, PARTITIONS)).map((r) => serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA)));
    assert.deepEqual(new Set(keys), new Set([...generateOrders(options)].map((e) => e.key)));
    assert.equal(keys.length, 600);
  });

  it('produces reviews keyed by ASIN as fast as the broker takes them', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const topic = topicName('it-generate-reviews');
    const options: GeneratorOptions = { seed: 4, count: 1_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 1 };
    const totals = await produceGenerated({ events: generateReviews(options), schema: readSchemaFile('crawled-review'), topic, driver, serde, rate: 'max', partitions: PARTITIONS });
    assert.equal(totals.produced, 1_000);
    const records = await readTopic(driver, topic, PARTITIONS);
    const reviews = await Promise.all(records.map((r) => serde.deserialize(r.value ?? Buffer.alloc(0), readSchemaFile('crawled-review'))));
    assert.deepEqual(new Set(reviews.map((r) => r.review_id)), new Set([...generateReviews(options)].map((e) => e.value.review_id)));
  });

  it('replays a generated sales CSV in event time: every order on the topic, none dead-lettered', async () => {
    const file = path.join(dir, 'orders.csv');
    // 300 orders at one per minute of event time: the first five hours of 2024-01-01.
    const options: GeneratorOptions = { seed: 9, count: 300, start: DEFAULT_GENERATOR_START, eventsPerSecond: 1 / 60 };
    await writeSalesCsv(generateOrders(options), file);
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const topic = topicName('it-replay-generated');
    // A day of event time in half a second at most: the pacer sleeps, the test does not wait long.
    const totals = await replayCsv({ files: [file], kind: 'sales', topic, driver, serde, speed: 172_800, partitions: PARTITIONS, progressTopic: `${topic}.progress` });
    assert.deepEqual([totals.rowsRead, totals.produced, totals.deadLettered], [300, 300, 0]);
    const records = await readTopic(driver, topic, PARTITIONS);
    const orders = await Promise.all(records.map((r) => serde.deserialize(r.value ?? Buffer.alloc(0), readSchemaFile('sales-order'))));
    const generated = new Map([...generateOrders(options)].map((e) => [e.key, e.value]));
    for (const [i, order] of orders.entries()) {
      assert.deepEqual({ ...order }, generated.get(order.order_id));
      assert.equal(records[i]?.timestamp, salesEventTime(order));
    }
  });

  it('works from the command line: generate writes a sales CSV, replay streams it through the registry and prints totals that add up', async () => {
    const file = path.join(dir, 'cli-orders.csv');
    const generated = await runCli(['generate', 'orders', '--count', '250', '--seed', '17', '--event-rate', '0.01', '--csv', file]);
    assert.equal(generated.code, 0, generated.stderr);
    assert.match(generated.stdout, /wrote 250 orders/);
    const topic = topicName('it-cli-replay');
    const args = ['replay', file, '--kind', 'sales', '--topic', topic, '--progress-topic', `${topic}.progress`, '--partitions', String(PARTITIONS)];
    const first = await runCli(args);
    assert.equal(first.code, 0, first.stderr);
    // Not a terminal: plain progress lines, then the totals.
    assert.match(first.stdout, /cli-orders\.csv: \d+% of 250 rows sent \(\d+ produced/);
    assert.match(first.stdout, /250 rows read = 250 produced to \S+ \+ 0 dead-lettered to \S+\.dead-letter \+ 0 skipped as already replayed/);
    const again = await runCli(args);
    assert.match(again.stdout, /250 rows read = 0 produced .* \+ 250 skipped as already replayed/);
    assert.equal((await readTopic(driver, topic, PARTITIONS)).length, 250);
    const refused = await runCli(['generate', 'reviews', '--csv', file]);
    assert.equal(refused.code, 2);
  });
});
