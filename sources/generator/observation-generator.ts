import type { Marketplace, MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';
import { minorDigits } from '../replay/money-text.ts';
import { DiurnalClock } from './diurnal-clock.ts';
import type { GeneratedEvent, GeneratorOptions } from './generated-event.ts';
import { SeededRandom } from '../seeded-random.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';
import { WeightedChoice } from './weighted-choice.ts';

/** Storefronts observed, their shares, currencies and rough dollar exchange rates. */
const STOREFRONT = new WeightedChoice<readonly [Marketplace, string, number]>([
  [['US', 'USD', 1], 0.55], [['IN', 'INR', 83], 0.2], [['UK', 'GBP', 0.79], 0.1], [['DE', 'EUR', 0.92], 0.1], [['JP', 'JPY', 150], 0.05],
]);
export const GENERATOR_SOURCE = 'shelfstream-generator';
const NOT_OFFERED = 0.02;
const NO_RANK = 0.03;

/**
 * Synthetic marketplace-API readings: popular products are observed more often and rank better;
 * prices wander log-normally around the product's own, converted to the storefront's currency;
 * estimated monthly units fall with sales rank as a power law (units ≈ 30000 × rank^−0.75), and
 * revenue is units × price. Deterministic by seed, and sharing ASINs with orders and reviews.
 */
export function* generateObservations(options: GeneratorOptions): Generator<GeneratedEvent<MarketplaceObservation>> {
  const catalog = syntheticCatalog(options.seed, options.catalogSize);
  const root = new SeededRandom(options.seed);
  const random = root.fork(4);
  const clock = new DiurnalClock(root.fork(5), options.start, options.eventsPerSecond);
  for (let i = 0; i < options.count; i++) {
    const timestamp = clock.next();
    const product = catalog.sample(random);
    const [marketplace, currency, rate] = STOREFRONT.sample(random);
    const price = random.chance(NOT_OFFERED)
      ? null
      : Math.max(1, Math.round((product.basePriceMinor / 100) * rate * 10 ** minorDigits(currency) * random.logNormal(0, 0.1)));
    const rank = random.chance(NO_RANK) ? null : Math.max(1, Math.round(product.popularityRank * 25 * random.logNormal(0, 0.35)));
    const units = rank === null ? null : Math.max(1, Math.round(30_000 * rank ** -0.75));
    const value: MarketplaceObservation = {
      asin: product.asin,
      marketplace,
      source: GENERATOR_SOURCE,
      price_minor: price,
      currency,
      sales_rank: rank,
      sales_rank_category: rank === null ? null : product.category,
      estimated_monthly_units: units,
      estimated_monthly_revenue_minor: units === null || price === null ? null : units * price,
      observed_at: timestamp,
    };
    yield { key: product.asin, value, timestamp };
  }
}
