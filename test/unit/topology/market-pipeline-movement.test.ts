import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatestValueTable } from '../../../runtime/latest-value-table.ts';
import { Topology } from '../../../runtime/topology.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import type { EnrichedObservation } from '../../../schemas/types/enriched-observation.ts';
import type { MarketplaceObservation } from '../../../schemas/types/marketplace-observation.ts';
import type { WindowAggregate } from '../../../schemas/types/window-aggregate.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { asinMovementWindows, categoryPriceWindows } from '../../../topology/market-windows.ts';
import { observationsSubTopology } from '../../../topology/market-pipeline-topology.ts';
import { catalogProduct } from '../../support/catalog-product.ts';
import { exactQuantileBracket, expectedAsinMovement, expectedCategoryPrices, latestMovement } from '../../support/expected-asin-windows.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { produceObservations } from '../../support/produce-observations.ts';
import { readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';
import { sampleRecords } from '../../support/sample-records.ts';

const APP = 'market';
const OBSERVATIONS = { topic: 'observations', partitions: 3 };
const ENRICHED = { topic: 'enriched-observations', partitions: 3 };
const ACCEPTED = { topic: 'market.observations-accepted', partitions: 3 };
const MOVEMENT = 'asin-movement';
const PRICES = 'category-prices';
const START = Date.UTC(2026, 0, 6, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ASINS = ['B0AAAAAAA1', 'B0AAAAAAA2', 'B0AAAAAAA3', 'B0AAAAAAA4', 'B0AAAAAAA5'];

/** An observation of `asin` `minutes` after the start, in one of two marketplaces. */
function reading(asin: string, minutes: number, price: number | null, rank: number | null, marketplace: 'IN' | 'US'): MarketplaceObservation {
  // Two rank categories, and one product ranked in none.
  const rankCategory = asin === ASINS[0] ? 'Books' : asin === ASINS[4] ? null : 'Toys & Games';
  return { ...sampleRecords['marketplace-observation'], asin, marketplace, currency: marketplace === 'IN' ? 'INR' : 'USD', price_minor: price, sales_rank: rank, sales_rank_category: rankCategory, observed_at: START + minutes * MINUTE };
}

// Two top categories for three of the products; the other two are not in the catalog.
const catalog = new Map(ASINS.slice(0, 3).map((asin, i) => [asin, catalogProduct({ asin, main_category: i === 0 ? 'books' : 'toys & baby products', sub_category: `shelf ${i}` })]));

function topology(stack: InMemoryStack): Topology {
  const lateness = { maxOutOfOrderMs: 20 * MINUTE, graceMs: 5 * MINUTE, earlyEveryMs: 0 };
  const movement = asinMovementWindows({ topic: MOVEMENT, ...lateness }, APP, OBSERVATIONS, stack.serde);
  const prices = categoryPriceWindows({ topic: PRICES, ...lateness }, APP, OBSERVATIONS, stack.serde);
  const table = LatestValueTable.fromEntries(catalog, 'catalog');
  return new Topology({
    applicationId: APP,
    inputs: [OBSERVATIONS],
    tables: [table],
    subTopologies: [
      observationsSubTopology({ observations: OBSERVATIONS, enriched: ENRICHED, accepted: ACCEPTED, repartitions: [movement.input, prices.input], catalog: table, serde: stack.serde }),
      movement.windows,
      prices.windows,
    ],
    sideOutputs: sideOutputSink,
  });
}

async function values<T>(stack: InMemoryStack, topic: string, schema: 'enriched-observation' | 'window-aggregate'): Promise<T[]> {
  const records = await readTopic(stack.driver, topic, 3);
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [stack.serde.deserialize(r.value, readSchemaFile(schema)) as Promise<T>])));
}

describe('the market pipeline: per-ASIN price and sales-rank movement, and category prices, per hour', () => {
  it('aggregates each distinct observation once per ASIN (and per category), marketplace and hour, across a restart and redeliveries, and the latest result of every window equals a direct computation', async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([OBSERVATIONS]);
    await admin.close();

    // Five products in two marketplaces over three hours, out of order within minutes, some without price or rank.
    const first = ASINS.flatMap((asin, i) =>
      Array.from({ length: 12 }, (_, k) => reading(asin, k * 15 + i, k % 5 === 4 ? null : 10_000 + ((k * 37 + i * 11) % 900), k % 7 === 6 ? null : 500 + ((k * 13 + i) % 200), i % 2 === 0 ? 'IN' : 'US')),
    );
    const shuffled = first.map((o, i) => first[i % 3 === 0 && i + 1 < first.length ? i + 1 : i % 3 === 1 ? i - 1 : i] ?? o);
    await produce(stack, [...shuffled, ...first.slice(0, 6)]);
    const one = await startRunner(topology(stack), stack.driver);
    await until('the first run', async () => { throwIfFatal(one); return (await values(stack, ENRICHED.topic, 'enriched-observation')).length >= first.length; });
    await until('its windows', async () => sameFigures(stack));
    await one.runner.stop();

    // A new member restores the window state from the changelog; three more hours, the first ones redelivered.
    const second = ASINS.flatMap((asin, i) => Array.from({ length: 8 }, (_, k) => reading(asin, 180 + k * 20 + i, 9_000 + k * 10 * i, 400 - k * i, i % 2 === 0 ? 'IN' : 'US')));
    await produce(stack, [...first.slice(0, 10), ...second]);
    const two = await startRunner(topology(stack), stack.driver);
    await until('the second run', async () => { throwIfFatal(two); return sameFigures(stack); });
    await two.runner.stop();

    const enriched = await values<EnrichedObservation>(stack, ENRICHED.topic, 'enriched-observation');
    assert.equal(new Set(enriched.map((e) => `${e.asin}|${e.observed_at}`)).size, first.length + second.length, 'each distinct observation enriched once');
    const windows = await values<WindowAggregate>(stack, MOVEMENT, 'window-aggregate');
    const latest = latestMovement(windows);
    assert.equal(sortedEntries(latest), sortedEntries(expectedAsinMovement(enriched)));
    // Closed windows were final: every hour but the last two of each group (the watermark is 20 minutes behind).
    assert.ok(windows.some((w) => w.is_final && w.metric === 'asin_price_per_hour'), 'some windows closed');
    assert.ok(Object.keys(latest).some((k) => k.startsWith('asin_sales_rank_per_hour|')), 'rank windows too');
    assert.equal((await readTopic(stack.driver, `${APP}.late`, 3)).length, 0, 'nothing late: disorder stayed within 20 minutes');
    const priceWindows = await values<WindowAggregate>(stack, PRICES, 'window-aggregate');
    assert.deepEqual(sortedEntries(latestMovement(priceWindows)), sortedEntries(expectedCategoryPrices(enriched)));
    assert.deepEqual(new Set(priceWindows.map((w) => w.key.split('|')[0])), new Set(['Books', 'Toys & Games', '']), 'two rank categories and the unranked');
    // Each p10/p50/p90 is DDSketch's estimate: within its 1% relative accuracy of the exact quantile.
    const latestPrices = new Map(priceWindows.map((w) => [`${w.key}|${w.window_start}`, w]));
    for (const [id, w] of latestPrices) {
      const exact = enriched.filter((e) => `${e.sales_rank_category ?? ''}|${e.marketplace}|${e.currency}|${Math.floor(e.observed_at / HOUR) * HOUR}` === id && e.price_minor !== null).map((e) => e.price_minor ?? 0);
      assert.deepEqual(w.quantiles.map((q) => q.permille), [100, 500, 900]);
      for (const q of w.quantiles) {
        const [low, high] = exactQuantileBracket(exact, q.permille / 1000);
        assert.ok(q.value >= low * 0.99 - 1 && q.value <= high * 1.01 + 1, `${id} p${q.permille / 10}: ${q.value} against ${low}..${high}`);
      }
    }
  });
});

function produce(stack: InMemoryStack, observations: readonly MarketplaceObservation[]): Promise<void> {
  return produceObservations(stack.driver, stack.serde, OBSERVATIONS.topic, observations);
}

async function sameFigures(stack: InMemoryStack): Promise<boolean> {
  const enriched = await values<EnrichedObservation>(stack, ENRICHED.topic, 'enriched-observation');
  const windows = await values<WindowAggregate>(stack, MOVEMENT, 'window-aggregate').catch(() => []);
  const prices = await values<WindowAggregate>(stack, PRICES, 'window-aggregate').catch(() => []);
  return enriched.length > 0 && sortedEntries(latestMovement(windows)) === sortedEntries(expectedAsinMovement(enriched)) && sortedEntries(latestMovement(prices)) === sortedEntries(expectedCategoryPrices(enriched));
}

const sortedEntries = (figures: object) => JSON.stringify(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
