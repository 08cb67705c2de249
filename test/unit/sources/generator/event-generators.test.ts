import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diurnalIntensity } from '../../../../sources/generator/diurnal-clock.ts';
import { DEFAULT_GENERATOR_START, type GeneratorOptions } from '../../../../sources/generator/generated-event.ts';
import { generateObservations } from '../../../../sources/generator/observation-generator.ts';
import { generateOrders } from '../../../../sources/generator/order-generator.ts';
import { generateReviews } from '../../../../sources/generator/review-generator.ts';
import { syntheticCatalog } from '../../../../sources/generator/synthetic-catalog.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';

const options: GeneratorOptions = { seed: 21, count: 10_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.1 };

describe('observation and review generators', () => {
  it('are deterministic by seed and write valid records keyed by ASIN', () => {
    const observations = [...generateObservations(options)];
    const reviews = [...generateReviews(options)];
    assert.deepEqual([...generateObservations(options)], observations);
    assert.deepEqual([...generateReviews(options)], reviews);
    assert.notDeepEqual([...generateReviews({ ...options, seed: 22, count: 100 })], reviews.slice(0, 100));
    const observationSchema = readSchemaFile('marketplace-observation');
    const reviewSchema = readSchemaFile('crawled-review');
    for (const o of observations) assert.ok(observationSchema.type.isValid(o.value) && o.key === o.value.asin && o.timestamp === o.value.observed_at);
    for (const r of reviews) assert.ok(reviewSchema.type.isValid(r.value) && r.key === r.value.asin && r.timestamp === r.value.fetched_at);
  });

  it('share one catalog per seed: orders, observations and reviews name the same products', () => {
    const catalog = syntheticCatalog(options.seed);
    const asins = new Set(catalog.products.map((p) => p.asin));
    const ids = new Set(catalog.products.map((p) => p.productId));
    assert.equal(asins.size, catalog.products.length);
    for (const o of generateObservations({ ...options, count: 500 })) assert.ok(asins.has(o.key));
    for (const r of generateReviews({ ...options, count: 500 })) assert.ok(asins.has(r.key));
    for (const o of generateOrders({ ...options, count: 500 })) assert.ok(ids.has(o.value.product_id));
  });

  it('give J-shaped stars and units that fall as the sales rank grows', () => {
    const stars = new Map<number, number>();
    for (const r of generateReviews(options)) stars.set(r.value.rating, (stars.get(r.value.rating) ?? 0) + 1);
    const share = (n: number): number => (stars.get(n) ?? 0) / options.count;
    assert.ok(share(5) > 0.5 && share(5) > share(4) && share(4) > share(1) && share(1) > share(2));
    const ranked = [...generateObservations(options)].filter((o) => o.value.sales_rank !== null).sort((a, b) => (a.value.sales_rank ?? 0) - (b.value.sales_rank ?? 0));
    for (let i = 1; i < ranked.length; i++) assert.ok((ranked[i]?.value.estimated_monthly_units ?? 0) <= (ranked[i - 1]?.value.estimated_monthly_units ?? 0));
    const units = ranked.map((o) => o.value.estimated_monthly_units ?? 0);
    assert.ok((units[0] ?? 0) > 20 * (units.at(-1) ?? 1));
  });

  it('model the day with a mean intensity of one and peak in the evening', () => {
    const samples = Array.from({ length: 24 * 60 }, (_, m) => diurnalIntensity(DEFAULT_GENERATOR_START + m * 60_000));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    assert.ok(Math.abs(mean - 1) < 0.01, `mean ${mean}`);
    assert.ok(diurnalIntensity(Date.UTC(2024, 0, 1, 20)) > 4 * diurnalIntensity(Date.UTC(2024, 0, 1, 3)));
  });
});
