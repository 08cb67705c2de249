import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver, OutgoingRecord, TopicSpec } from '../../../infra/kafka/kafka-driver.ts';
import { LatestValueTable } from '../../../runtime/latest-value-table.ts';
import { subTopology } from '../../../runtime/sub-topology-builder.ts';
import { Topology } from '../../../runtime/topology.ts';
import { TopologyRunner } from '../../../runtime/topology-runner.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import type { CatalogProduct } from '../../../schemas/types/catalog-product.ts';
import type { EnrichedObservation } from '../../../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../../../schemas/types/marketplace-observation.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { avroTopicSink } from '../../../sinks/kafka/avro-topic-sink.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { decodeAvro } from '../../../streams/decode-avro.ts';
import { deduplicate, type DedupEntry } from '../../../streams/deduplicate.ts';
import { joinLatest } from '../../../streams/join-latest.ts';
import type { StateStore } from '../../../streams/state-store.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { sampleRecords } from '../../support/sample-records.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const START = Date.UTC(2024, 4, 1, 12, 0, 0);
const ENRICHED_AT = Date.UTC(2024, 4, 2);
const DAY = 86_400_000;
const catalogSchema = readSchemaFile('catalog-product');
const observationSchema = readSchemaFile('marketplace-observation');
const enrichedSchema = readSchemaFile('enriched-observation');

/** Observations joined with the catalog, FX-neutral: the shape the topology writes and the test expects. */
function enrich(o: MarketplaceObservation, p: CatalogProduct, enrichedAt: number): EnrichedObservation {
  return {
    asin: o.asin,
    marketplace: o.marketplace,
    source: o.source,
    observed_at: o.observed_at,
    observed_date: Math.floor(o.observed_at / DAY),
    observed_hour: new Date(o.observed_at).getUTCHours(),
    title: p.name,
    brand: null,
    category_path: [p.main_category, p.sub_category],
    currency: o.currency,
    original_currency: o.currency,
    fx_rate_micros: 1_000_000,
    original_price_minor: o.price_minor,
    price_minor: o.price_minor,
    sales_rank: o.sales_rank,
    sales_rank_category: o.sales_rank_category,
    estimated_monthly_units: o.estimated_monthly_units,
    estimated_monthly_revenue_minor: o.estimated_monthly_revenue_minor,
    enriched_at: enrichedAt,
    previous_price_minor: null,
    price_change_minor: null,
    got_cheaper: false,
    previous_sales_rank: null,
    sales_rank_change: null,
    rank_jump: false,
  };
}

/** Observations → dedup by (asin, source, observed_at) within 10 minutes → join with the catalog → enriched topic. */
function enrichTopology(app: string, observations: TopicSpec, output: TopicSpec, catalog: LatestValueTable<CatalogProduct>, serde: AvroSerde): Topology {
  return new Topology({
    applicationId: app,
    inputs: [observations],
    tables: [catalog],
    subTopologies: [
      subTopology('enrich-observations', observations.topic)
        .step('decode-observations', ({ name }) => decodeAvro({ step: name, serde, value: observationSchema, eventTime: (o) => o.observed_at }))
        .statefulStep('dedup-observations', ({ name }, store: StateStore<DedupEntry>) =>
          deduplicate({ step: name, store, keyOf: (r) => `${r.value.asin}|${r.value.source}|${r.value.observed_at}`, withinMs: 600_000 }),
        )
        .step('join-catalog', ({ name, now }) =>
          joinLatest({
            step: name,
            table: catalog,
            keyOf: (r) => r.key,
            join: (o: MarketplaceObservation, p: CatalogProduct) => enrich(o, p, now()),
          }),
        )
        .to(
          'enriched-observations',
          avroTopicSink<EnrichedObservation, EnrichedObservation>({ topic: output, serde, schema: enrichedSchema, toValue: (r) => r.value }),
          [output],
        ),
    ],
    sideOutputs: sideOutputSink,
  });
}

async function produce(driver: KafkaDriver, topic: string, records: readonly OutgoingRecord[]): Promise<void> {
  const producer = driver.producer();
  await producer.connect();
  try {
    await producer.send(topic, records);
  } finally {
    await producer.disconnect();
  }
}

const productRecord = async (serde: AvroSerde, topic: string, asin: string, product: CatalogProduct | null): Promise<OutgoingRecord> => ({
  key: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, asin),
  value: product === null ? null : await serde.serialize(subjectName(topic, 'value'), catalogSchema, product),
});

const observationRecord = async (serde: AvroSerde, topic: string, o: MarketplaceObservation): Promise<OutgoingRecord> => ({
  key: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, o.asin),
  value: await serde.serialize(subjectName(topic, 'value'), observationSchema, o),
  timestamp: o.observed_at,
});

const asinOf = (i: number): string => `B0TEST${String(i).padStart(4, '0')}`;

const product = (i: number, name: string): CatalogProduct => ({ ...sampleRecords['catalog-product'], asin: asinOf(i), name, sub_category: `shelf ${i % 3}` });

const observation = (asin: string, minute: number, price: number): MarketplaceObservation => ({
  ...sampleRecords['marketplace-observation'],
  asin,
  price_minor: price,
  observed_at: START + minute * 60_000 + (price % 997),
});

/** Sorted so that outputs compare as multisets: every partition's order is kept, not the order across them. */
const sortEnriched = (list: readonly EnrichedObservation[]): EnrichedObservation[] =>
  [...list].sort((a, b) => `${a.asin}|${a.observed_at}`.localeCompare(`${b.asin}|${b.observed_at}`));

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`observation enrichment with the catalog on ${driverName}`, () => {
    it('drops duplicates, joins with the latest product, dead-letters unknown ones and sees catalog updates', async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const app = uniqueName('it-enrich').replaceAll('_', '-');
      const catalogTopic: TopicSpec = { topic: `${app}.catalog`, partitions: 2, config: { 'cleanup.policy': 'compact' } };
      const observations: TopicSpec = { topic: `${app}.observations`, partitions: 3 };
      const output: TopicSpec = { topic: `${app}.enriched`, partitions: 3 };
      const admin = await driver.admin();
      await admin.createTopics([catalogTopic, observations]);
      await admin.close();

      // The catalog: 12 products, the first three renamed once already (the latest name must win).
      const catalog = new Map<string, CatalogProduct>();
      const initial = [...Array.from({ length: 12 }, (_, i) => product(i, `product ${i}`)), ...[0, 1, 2].map((i) => product(i, `product ${i} (2nd edition)`))];
      for (const p of initial) catalog.set(p.asin, p);
      await produce(driver, catalogTopic.topic, await Promise.all(initial.map((p) => productRecord(serde, catalogTopic.topic, p.asin, p))));

      const table = LatestValueTable.fromTopic({ driver, topic: catalogTopic, serde, schema: catalogSchema });
      const runner = new TopologyRunner({ topology: enrichTopology(app, observations, output, table, serde), driver, now: () => ENRICHED_AT });
      // The runner loads the table to its end before the first batch.
      await runner.start();
      assert.equal(table.size, 12);
      assert.equal(table.get(asinOf(1))?.name, 'product 1 (2nd edition)');
      try {
        // Phase 1: five readings per product, ten of them delivered twice, and two of a product the catalog lacks.
        const readings = Array.from({ length: 60 }, (_, i) => observation(asinOf(i % 12), Math.floor(i / 12), 1_000 + i * 37));
        const unknown = [observation('B0UNKNOWN0', 1, 555), observation('B0UNKNOWN0', 2, 556)];
        const repeats = readings.filter((_, i) => i % 6 === 0);
        const phase1 = [...readings, ...repeats, ...unknown];
        await produce(driver, observations.topic, await Promise.all(phase1.map((o) => observationRecord(serde, observations.topic, o))));
        const expected = readings.map((o) => enrich(o, catalog.get(o.asin) ?? assert.fail(o.asin), ENRICHED_AT));
        await eventually(() => readEnriched(driver, serde, output), (got) => got.length >= expected.length);

        // Phase 2: product 0 renamed, product 1 withdrawn (a tombstone), while the topology runs.
        const renamed = product(0, 'product 0 (3rd edition)');
        await produce(driver, catalogTopic.topic, [await productRecord(serde, catalogTopic.topic, renamed.asin, renamed), await productRecord(serde, catalogTopic.topic, asinOf(1), null)]);
        catalog.set(renamed.asin, renamed);
        catalog.delete(asinOf(1));
        // The table follows the topic on its own; records processed after it caught up see the update.
        // Both updates, which may sit in different partitions of the catalog.
        const current = () => Promise.resolve([table.get(asinOf(0))?.name, table.get(asinOf(1))?.name]);
        assert.deepEqual(await eventually(current, ([name, gone]) => name === renamed.name && gone === undefined), [renamed.name, undefined]);
        assert.equal(table.size, 11);

        const later = [observation(asinOf(0), 6, 7_001), observation(asinOf(1), 6, 7_002), observation(asinOf(2), 6, 7_003)];
        const lateRepeat = readings[2 + 12 * 4] ?? assert.fail(); // minute 4 of product 2, within the 10-minute bound
        await produce(driver, observations.topic, await Promise.all([...later, lateRepeat].map((o) => observationRecord(serde, observations.topic, o))));
        const withdrawn = later.filter((o) => !catalog.has(o.asin));
        expected.push(...later.filter((o) => catalog.has(o.asin)).map((o) => enrich(o, catalog.get(o.asin) ?? assert.fail(), ENRICHED_AT)));

        const produced = phase1.length + later.length + 1;
        const outcomes = async () => runner.metrics.total('outcomes', { sub_topology: 'enrich-observations' });
        await eventually(outcomes, (n) => n >= produced);
        const enriched = await readEnriched(driver, serde, output);
        assert.deepEqual(sortEnriched(enriched), sortEnriched(expected));
        assert.deepEqual(
          enriched.filter((e) => e.asin === asinOf(0)).map((e) => e.title),
          [...Array.from({ length: 5 }, () => 'product 0 (2nd edition)'), 'product 0 (3rd edition)'],
        );

        const deadLetters = await readTopic(driver, `${app}.dead-letter`, 3);
        const missing = await Promise.all(
          deadLetters.map(async (d) => ({
            code: d.headers[DEAD_LETTER_HEADERS.code]?.toString(),
            step: d.headers[DEAD_LETTER_HEADERS.step]?.toString(),
            topic: d.headers[DEAD_LETTER_HEADERS.topic]?.toString(),
            asin: d.key === null ? null : await serde.deserialize(d.key, KEY_SCHEMA),
          })),
        );
        assert.deepEqual(
          missing.sort((a, b) => String(a.asin).localeCompare(String(b.asin))),
          [...withdrawn, ...unknown].map((o) => ({ code: 'JOIN_MISSING', step: 'join-catalog', topic: observations.topic, asin: o.asin })).sort((a, b) => a.asin.localeCompare(b.asin)),
        );
        assert.equal(await runner.metrics.total('outcomes', { sub_topology: 'enrich-observations', outcome: 'filtered' }), repeats.length + 1);
        assert.equal(await runner.metrics.total('outcomes', { sub_topology: 'enrich-observations', outcome: 'dead_lettered' }), unknown.length + withdrawn.length);
        assert.equal(await runner.metrics.total('outcomes', { sub_topology: 'enrich-observations', outcome: 'output' }), expected.length);
      } finally {
        await runner.stop();
      }
    });
  });
}

async function readEnriched(driver: KafkaDriver, serde: AvroSerde, output: TopicSpec): Promise<EnrichedObservation[]> {
  const records = await readTopic(driver, output.topic, output.partitions);
  // Spread: avsc decodes into record-class instances, which deepEqual would tell from plain objects.
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [serde.deserialize(r.value, enrichedSchema).then((v) => ({ ...v }))])));
}
