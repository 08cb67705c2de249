import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret } from '../../../../config/index.ts';
import { ApiResponseError, MalformedResponseError } from '../../../../errors/index.ts';
import type { KafkaProducer, OutgoingRecord } from '../../../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../../schemas/serde/in-memory-schema-registry.ts';
import type { MarketplaceApiServer } from '../../../../sources/fixtures/marketplace-api/marketplace-api-server.ts';
import { MarketplaceApiClient } from '../../../../sources/poller/marketplace-api-client.ts';
import { MarketplacePoller } from '../../../../sources/poller/marketplace-poller.ts';
import type { CursorStore, PollerCursor } from '../../../../sources/poller/poller-cursor-store.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../../schemas/dead-letter/dead-letter-headers.ts';
import { DEFECT_REASONS, expectedObservation } from './expected-observations.ts';
import { withMarketplaceApi } from '../../../support/with-marketplace-api.ts';

/** Records every send by topic, as a broker would acknowledge them. */
class RecordingProducer implements KafkaProducer {
  readonly sent = new Map<string, OutgoingRecord[]>();
  connect(): Promise<void> {
    return Promise.resolve();
  }
  send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    this.sent.set(topic, [...(this.sent.get(topic) ?? []), ...records]);
    return Promise.resolve();
  }
  disconnect(): Promise<void> {
    return Promise.resolve();
  }
  on(topic: string): OutgoingRecord[] {
    return this.sent.get(topic) ?? [];
  }
}

class MemoryCursorStore implements CursorStore {
  saved: PollerCursor | undefined;
  load(): Promise<PollerCursor | undefined> {
    return Promise.resolve(this.saved);
  }
  save(cursor: string): Promise<void> {
    this.saved = { cursor, savedAt: Date.now() };
    return Promise.resolve();
  }
}

const fast = { retries: 3, initialDelayMs: 1, maxDelayMs: 5, isRetriable: (e: unknown) => (e as { retriable?: unknown }).retriable === true };

function pollerFor(api: MarketplaceApiServer, producer: RecordingProducer, cursor: CursorStore, serde: AvroSerde, pageSize = 25): MarketplacePoller {
  return new MarketplacePoller({
    client: new MarketplaceApiClient({ url: api.url, apiKey: new Secret(api.apiKey), pageSize }),
    producer,
    serde,
    topic: 'obs',
    deadLetterTopic: 'obs.dead-letter',
    cursor,
    source: 'fixture',
    retry: fast,
  });
}

describe('MarketplacePoller', () => {
  it('writes every well-formed item once as Avro keyed by ASIN, dead-letters the rest with reasons, through 429, 503 and a malformed page', async () => {
    await withMarketplaceApi({ seed: 4, items: 110, faults: { 2: 'rate-limited', 3: 'unavailable', 5: 'malformed-json' } }, async (api) => {
      const producer = new RecordingProducer();
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const retried: string[] = [];
      const poller = new MarketplacePoller({
        client: new MarketplaceApiClient({ url: api.url, apiKey: new Secret(api.apiKey), pageSize: 25 }),
        producer,
        serde,
        topic: 'obs',
        deadLetterTopic: 'obs.dead-letter',
        cursor: new MemoryCursorStore(),
        source: 'fixture',
        retry: fast,
        onRetry: (error) => retried.push((error as { code: string }).code),
      });
      const summary = await poller.pollOnce();
      const good = api.catalog.items.filter((i) => i.defect === null);
      const bad = api.catalog.items.filter((i) => i.defect !== null);
      assert.deepEqual({ ...summary, cursor: null }, { pages: 5, observations: good.length, deadLetters: bad.length, cursor: null });
      assert.deepEqual(retried, ['API_RATE_LIMITED', 'API_HTTP_ERROR', 'API_MALFORMED_RESPONSE']);
      const schema = readSchemaFile('marketplace-observation');
      const written = await Promise.all(producer.on('obs').map(async (r) => ({ key: await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA), value: await serde.deserialize(r.value ?? Buffer.alloc(0), schema), timestamp: r.timestamp })));
      assert.deepEqual(written.map((w) => ({ ...w.value })), good.map((t) => expectedObservation(t, 'fixture')));
      for (const w of written) {
        assert.equal(w.key, w.value.asin);
        assert.equal(w.timestamp, w.value.observed_at);
      }
      const dead = producer.on('obs.dead-letter');
      assert.deepEqual(dead.map((d) => JSON.parse(d.value?.toString() ?? '') as unknown), bad.map((t) => t.item));
      for (const [i, d] of dead.entries()) {
        const defect = bad[i]?.defect ?? 'missing-asin';
        assert.deepEqual([d.headers?.[H.code], d.headers?.[H.field], d.headers?.[H.step]], [...DEFECT_REASONS[defect], 'marketplace-poller']);
        assert.match(String(d.headers?.[H.url]), /\/v1\/products\?limit=25/);
        assert.match(String(d.headers?.[H.index]), /^\d+$/);
        assert.equal(d.key, null);
      }
    });
  });

  it('resumes from its saved cursor: a second poller fetches nothing again, then only what the API published since', async () => {
    await withMarketplaceApi({ items: 60 }, async (api) => {
      const producer = new RecordingProducer();
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const store = new MemoryCursorStore();
      await pollerFor(api, producer, store, serde).pollOnce();
      const served = api.itemsServed;
      const requests = api.requests.length;
      const again = await pollerFor(api, producer, store, serde).pollOnce();
      assert.deepEqual([again.pages, again.observations, again.deadLetters], [1, 0, 0]);
      assert.equal(api.itemsServed, served);
      assert.equal(api.requests.length, requests + 1);
      assert.equal(api.requests.at(-1)?.cursor, store.saved?.cursor);
      api.catalog.publish(30);
      const next = await pollerFor(api, producer, store, serde).pollOnce();
      assert.equal(next.observations + next.deadLetters, 30);
      assert.equal(api.itemsServed, served + 30);
      assert.equal(producer.on('obs').length + producer.on('obs.dead-letter').length, 90);
    });
  });

  it('starts after --since when it has no cursor', async () => {
    await withMarketplaceApi({ items: 40 }, async (api) => {
      const pivot = api.catalog.items[29];
      assert.ok(pivot !== undefined);
      const poller = new MarketplacePoller({
        client: new MarketplaceApiClient({ url: api.url, apiKey: new Secret(api.apiKey) }),
        producer: new RecordingProducer(),
        serde: new AvroSerde(new InMemorySchemaRegistry()),
        topic: 'obs',
        deadLetterTopic: 'obs.dead-letter',
        cursor: new MemoryCursorStore(),
        since: new Date(pivot.updatedAt).toISOString(),
      });
      const summary = await poller.pollOnce();
      assert.equal(summary.observations + summary.deadLetters, 10);
    });
  });

  it('dead-letters a page that stays malformed through every retry, keeps its cursor, and resumes there on the next poll', async () => {
    await withMarketplaceApi({ items: 50, faults: { 2: 'malformed-json', 3: 'malformed-json', 4: 'malformed-json', 5: 'malformed-json' } }, async (api) => {
      const producer = new RecordingProducer();
      const store = new MemoryCursorStore();
      const poller = pollerFor(api, producer, store, new AvroSerde(new InMemorySchemaRegistry()), 20);
      await assert.rejects(poller.pollOnce(), MalformedResponseError);
      const cursorAfterFirstPage = store.saved?.cursor;
      assert.equal(api.requests.filter((r) => r.cursor === cursorAfterFirstPage).length, 1 + fast.retries);
      const pages = producer.on('obs.dead-letter').filter((d) => d.headers?.[H.code] === 'API_MALFORMED_RESPONSE');
      assert.equal(pages.length, 1);
      assert.equal(pages[0]?.headers?.[H.attempts], String(1 + fast.retries));
      assert.deepEqual([pages[0].headers[H.step], pages[0].headers[H.index]], ['marketplace-poller', undefined]);
      assert.throws(() => JSON.parse(pages[0]?.value?.toString() ?? '') as unknown, SyntaxError);
      const resumed = await poller.pollOnce();
      assert.equal(api.requests.at(-2)?.cursor, cursorAfterFirstPage);
      assert.equal(resumed.observations + resumed.deadLetters + 20, 50);
    });
  });

  it('gives up at once on a request the API calls wrong, without dead letters', async () => {
    await withMarketplaceApi({}, async (api) => {
      const producer = new RecordingProducer();
      const store = new MemoryCursorStore();
      await store.save('not-a-cursor-of-this-api');
      await assert.rejects(pollerFor(api, producer, store, new AvroSerde(new InMemorySchemaRegistry())).pollOnce(), (e: unknown) => e instanceof ApiResponseError && e.status === 400);
      assert.equal(api.requests.length, 1);
      assert.equal(producer.sent.size, 0);
    });
  });
});
