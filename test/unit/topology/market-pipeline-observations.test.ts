import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatestValueTable } from '../../../runtime/latest-value-table.ts';
import { Topology } from '../../../runtime/topology.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { CatalogProduct } from '../../../schemas/types/catalog-product.ts';
import type { EnrichedObservation } from '../../../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../../../schemas/types/marketplace-observation.ts';
import { DEAD_LETTER_HEADERS } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { observationsSubTopology } from '../../../topology/market-pipeline-topology.ts';
import { catalogProduct } from '../../support/catalog-product.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { expectedMovements, movements } from '../../support/observation-movements.ts';
import { produceObservations } from '../../support/produce-observations.ts';
import { readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';
import { sampleRecords } from '../../support/sample-records.ts';

const APP = 'market';
const OBSERVATIONS = { topic: 'observations', partitions: 3 };
const ENRICHED = { topic: 'enriched-observations', partitions: 3 };
const ACCEPTED = { topic: 'market.observations-accepted', partitions: 3 };
const START = Date.UTC(2026, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;
const enrichedSchema = readSchemaFile('enriched-observation');

const ASINS = ['B0AAAAAAA1', 'B0AAAAAAA2', 'B0AAAAAAA3', 'B0AAAAAAA4'];
const UNKNOWN = 'B0NOTLISTD';
const catalog = new Map<string, CatalogProduct>(ASINS.map((asin, i) => [asin, catalogProduct({ asin, name: `product ${i}`, main_category: 'toys & baby products', sub_category: `shelf ${i}` })]));

/** An observation of `asin` at hour `h`, in INR and one rank category. */
function reading(asin: string, h: number, price: number | null, rank: number | null): MarketplaceObservation {
  return { ...sampleRecords['marketplace-observation'], asin, marketplace: 'IN', currency: 'INR', sales_rank_category: 'Toys', price_minor: price, sales_rank: rank, observed_at: START + h * HOUR };
}

function topology(stack: InMemoryStack): Topology {
  const table = LatestValueTable.fromEntries(catalog, 'catalog');
  return new Topology({
    applicationId: APP,
    inputs: [OBSERVATIONS],
    tables: [table],
    subTopologies: [observationsSubTopology({ observations: OBSERVATIONS, enriched: ENRICHED, accepted: ACCEPTED, catalog: table, serde: stack.serde })],
    sideOutputs: sideOutputSink,
  });
}

const produce = (stack: InMemoryStack, observations: readonly MarketplaceObservation[]): Promise<void> => produceObservations(stack.driver, stack.serde, OBSERVATIONS.topic, observations);

async function enriched(stack: InMemoryStack): Promise<EnrichedObservation[]> {
  const records = await readTopic(stack.driver, ENRICHED.topic, ENRICHED.partitions);
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [stack.serde.deserialize(r.value, enrichedSchema).then((v) => ({ ...v }))])));
}

describe('the market pipeline: observations compared with the previous one and joined with the catalog', () => {
  it('flags price drops and rank jumps against the previous observation of the ASIN, across a restart, late arrivals and redeliveries', async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([OBSERVATIONS]);
    await admin.close();

    // First run: three hours of each product, hour 1 delivered before hour 0 for one product, and every tenth delivered twice.
    const first = ASINS.flatMap((asin, i) => [
      reading(asin, 0, 10_000 + i, 1_000),
      reading(asin, 1, i % 2 === 0 ? 9_400 : 9_990, i < 2 ? 700 : 950),
      reading(asin, 2, 12_000, null),
    ]);
    const delivered = [first[1], first[0], ...first.slice(2), first[0], first[5], reading(UNKNOWN, 0, 500, 10), reading(ASINS[0] ?? '', 9, -1, 1)].filter((o) => o !== undefined);
    await produce(stack, delivered);
    const one = await startRunner(topology(stack), stack.driver);
    const distinctFirst = [...first, reading(UNKNOWN, 0, 500, 10)];
    await until('the first run', async () => { throwIfFatal(one); return (await enriched(stack)).length >= distinctFirst.length; });
    await one.runner.stop();

    // Second run, a new member restoring the comparison store from its changelog: hour 3, and a price null at hour 4.
    const second = ASINS.flatMap((asin) => [reading(asin, 3, 8_000, 100), reading(asin, 4, null, 90)]);
    await produce(stack, second);
    const two = await startRunner(topology(stack), stack.driver);
    const all = [...distinctFirst, ...second];
    await until('the second run', async () => { throwIfFatal(two); return (await enriched(stack)).length >= all.length; });
    await two.runner.stop();

    const out = await enriched(stack);
    assert.equal(out.length, all.length, 'each distinct observation enriched once');
    assert.deepEqual(movements(out), expectedMovements([...delivered.filter((o) => o.price_minor !== -1), ...second], catalog));
    // Worked by hand: product 0's hour 1 arrived before its hour 0, so it has no previous observation;
    // hour 3 follows an hour without rank, so only its price can move.
    const flagged = out.filter((e) => e.got_cheaper || e.rank_jump).map((e) => `${e.asin}@${(e.observed_at - START) / HOUR}${e.got_cheaper ? ' drop' : ''}${e.rank_jump ? ' jump' : ''}`);
    assert.deepEqual(flagged.sort(), ['B0AAAAAAA1@3 drop', 'B0AAAAAAA2@1 jump', 'B0AAAAAAA2@3 drop', 'B0AAAAAAA3@1 drop', 'B0AAAAAAA3@3 drop', 'B0AAAAAAA4@3 drop']);
    assert.deepEqual(out.find((e) => e.asin === UNKNOWN)?.category_path, [], 'an ASIN the catalog lacks passes with no catalog fields');
    assert.deepEqual(out.find((e) => e.asin === ASINS[1])?.category_path, ['toys & baby products', 'shelf 1']);

    const accepted = await readTopic(stack.driver, ACCEPTED.topic, ACCEPTED.partitions);
    assert.equal(accepted.length, all.length, 'each distinct observation accepted once, for the raw table');
    const dead = await readTopic(stack.driver, `${APP}.dead-letter`, OBSERVATIONS.partitions);
    assert.deepEqual(dead.map((d) => [d.headers[DEAD_LETTER_HEADERS.code]?.toString(), d.headers[DEAD_LETTER_HEADERS.step]?.toString()]), [['VALIDATION_FAILED', 'validate-observations']], 'the negative price dead-lettered');
  });
});

