import type { CrawledReview } from '../../schemas/types/crawled-review.ts';
import { DiurnalClock } from './diurnal-clock.ts';
import type { GeneratedEvent, GeneratorOptions } from './generated-event.ts';
import { SeededRandom } from '../seeded-random.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';
import { FIRST_NAMES, LAST_NAMES, REVIEW_SENTENCES, REVIEW_TITLES, VARIANTS } from './vocabulary.ts';
import { WeightedChoice } from './weighted-choice.ts';

const DAY_MS = 86_400_000;
/** Amazon's J-shaped star distribution: mostly fives, then ones, few in between. */
const STARS = new WeightedChoice<number>([[1, 0.09], [2, 0.05], [3, 0.08], [4, 0.18], [5, 0.6]]);
const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const VERIFIED = 0.85;
const HAS_VARIANT = 0.3;
const NOBODY_FOUND_HELPFUL = 0.6;

/**
 * Synthetic customer reviews: popular products get most reviews, stars are J-shaped, text fits
 * the stars, helpful votes are mostly none with a long tail. Deterministic by seed.
 */
export function* generateReviews(options: GeneratorOptions): Generator<GeneratedEvent<CrawledReview>> {
  const catalog = syntheticCatalog(options.seed, options.catalogSize);
  const root = new SeededRandom(options.seed);
  const random = root.fork(6);
  const clock = new DiurnalClock(root.fork(7), options.start, options.eventsPerSecond);
  for (let i = 0; i < options.count; i++) {
    const timestamp = clock.next();
    const product = catalog.sample(random);
    const rating = STARS.sample(random);
    const sentences = REVIEW_SENTENCES[rating - 1] ?? [];
    const value: CrawledReview = {
      review_id: `R${Array.from({ length: 13 }, () => ID_CHARS.charAt(random.int(0, ID_CHARS.length - 1))).join('')}`,
      asin: product.asin,
      rating,
      title: random.pick(REVIEW_TITLES[rating - 1] ?? ['Review']),
      body: Array.from({ length: random.int(1, 3) }, () => random.pick(sentences)).join(' '),
      author: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES).charAt(0)}.`,
      review_date: Math.floor(timestamp / DAY_MS),
      country: 'United States',
      verified_purchase: random.chance(VERIFIED),
      helpful_votes: random.chance(NOBODY_FOUND_HELPFUL) ? 0 : 1 + Math.floor(random.exponential(4)),
      variant: random.chance(HAS_VARIANT) ? random.pick(VARIANTS) : null,
      fetched_at: timestamp,
      crawl_job_id: null,
    };
    yield { key: product.asin, value, timestamp };
  }
}
