import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, Secret } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import type { MarketplaceObservation } from '../../../schemas/types/marketplace-observation.ts';
import { MarketplaceApiServer } from '../../../sources/fixtures/marketplace-api/marketplace-api-server.ts';
import { MarketplaceApiClient } from '../../../sources/poller/marketplace-api-client.ts';
import { MarketplacePoller } from '../../../sources/poller/marketplace-poller.ts';
import { cursorTopicSpec, KafkaCursorStore } from '../../../sources/poller/poller-cursor-store.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { readTopic } from '../../support/read-topic.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { DEFECT_REASONS, expectedObservation } from '../../unit/sources/poller/expected-observations.ts';

const config = loadConfig();
const PARTITIONS = 3;
const schema = readSchemaFile('marketplace-observation');
const byReading = (a: MarketplaceObservation, b: MarketplaceObservation): number => a.asin.localeCompare(b.asin) || a.observed_at - b.observed_at;

async function observationsOn(driver: KafkaDriver, serde: AvroSerde, topic: string): Promise<MarketplaceObservation[]> {
  const records = await readTopic(driver, topic, PARTITIONS);
  return Promise.all(
    records.map(async (r) => {
      const value = { ...(await serde.deserialize(r.value ?? Buffer.alloc(0), schema)) };
      assert.equal(await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA), value.asin, 'keyed by ASIN');
      return value;
    }),
  );
}

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`marketplace poller against the fixture API and Kafka (${driverName})`, () => {
    it('writes every item once through a 429, a 503 and a malformed page, dead-letters bad items with reasons, and resumes from its cursor in Kafka after a restart', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const name = uniqueName(`it-poller-${driverName}`).replaceAll('_', '-');
      const topic = `${name}.observations`;
      const deadLetterTopic = `${name}.dead-letter`;
      const cursorTopic = `${name}.poller-cursor`;
      const admin = await driver.admin();
      await admin.createTopics([{ topic, partitions: PARTITIONS }, { topic: deadLetterTopic, partitions: 1 }, cursorTopicSpec(cursorTopic)]);
      await admin.close();
      const api = await MarketplaceApiServer.start({ seed: 21, items: 180, faults: { 2: 'rate-limited', 4: 'unavailable', 6: 'malformed-json' } });
      const producer = driver.producer();
      await producer.connect();
      // A new poller and a new cursor store each time: what a restarted process has.
      const startPoller = () =>
        new MarketplacePoller({
          client: new MarketplaceApiClient({ url: api.url, apiKey: new Secret(api.apiKey), pageSize: 40 }),
          producer,
          serde,
          topic,
          deadLetterTopic,
          cursor: new KafkaCursorStore(driver, producer, 'it-poller', cursorTopic),
          source: 'fixture-api',
          retry: { retries: 4, initialDelayMs: 50, maxDelayMs: 500, isRetriable: (e) => (e as { retriable?: unknown }).retriable === true },
        });
      try {
        const summary = await startPoller().pollOnce();
        const good = api.catalog.items.filter((i) => i.defect === null);
        const bad = api.catalog.items.filter((i) => i.defect !== null);
        assert.deepEqual([summary.pages, summary.observations, summary.deadLetters], [5, good.length, bad.length]);
        assert.deepEqual(
          api.requests.filter((r) => r.fault !== null).map((r) => [r.status, r.fault]),
          [[429, 'rate-limited'], [503, 'unavailable'], [200, 'malformed-json']],
        );

        const written = await observationsOn(driver, serde, topic);
        assert.equal(written.length, good.length, 'each item exactly once');
        assert.deepEqual(written.sort(byReading), good.map((t) => expectedObservation(t, 'fixture-api')).sort(byReading));

        const dead = await readTopic(driver, deadLetterTopic, 1);
        assert.deepEqual(dead.map((d) => JSON.parse(d.value?.toString() ?? '') as unknown), bad.map((t) => t.item));
        assert.deepEqual(
          dead.map((d) => [d.headers[H.code]?.toString(), d.headers[H.field]?.toString(), d.headers[H.step]?.toString()]),
          bad.map((t) => [...DEFECT_REASONS[t.defect ?? 'missing-asin'], 'marketplace-poller']),
        );

        const requests = api.requests.length;
        const served = api.itemsServed;
        const again = await startPoller().pollOnce();
        assert.deepEqual([again.pages, again.observations, again.deadLetters], [1, 0, 0]);
        assert.equal(api.requests.length, requests + 1, 'one request, from the saved cursor');
        assert.equal(api.requests.at(-1)?.cursor, summary.cursor);
        assert.equal(api.itemsServed, served, 'nothing fetched again');
        assert.equal((await readTopic(driver, topic, PARTITIONS)).length, good.length);

        const added = api.catalog.publish(25);
        const next = await startPoller().pollOnce();
        assert.equal(next.observations + next.deadLetters, 25);
        assert.equal(api.itemsServed, served + 25, 'only the new items');
        const all = await observationsOn(driver, serde, topic);
        const expected = [...good, ...added.filter((t) => t.defect === null)].map((t) => expectedObservation(t, 'fixture-api'));
        assert.deepEqual(all.sort(byReading), expected.sort(byReading));
      } finally {
        await producer.disconnect();
        await api.close();
      }
    });
  });
}
