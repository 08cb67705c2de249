import { InvalidOptionError } from '../../errors/index.ts';
import type { SeededRandom } from '../seeded-random.ts';

/** Draws items in proportion to their weights, by binary search in the cumulative weights. */
export class WeightedChoice<T> {
  readonly items: readonly T[];
  readonly #cumulative: number[];

  constructor(weighted: readonly (readonly [T, number])[]) {
    let sum = 0;
    this.#cumulative = weighted.map(([, w]) => (sum += w));
    if (weighted.some(([, w]) => !(w >= 0 && Number.isFinite(w))) || !(sum > 0)) {
      throw new InvalidOptionError('weighted choice', [{ path: 'weights', message: 'expected finite weights >= 0, not all zero' }]);
    }
    this.items = weighted.map(([item]) => item);
  }

  /** Index of the drawn item. */
  index(random: SeededRandom): number {
    const target = random.next() * (this.#cumulative.at(-1) ?? 0);
    let low = 0;
    let high = this.#cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.#cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  sample(random: SeededRandom): T {
    return this.items[this.index(random)] as T;
  }
}

/**
 * Zipf weights for ranks 1..n: the item of rank k is drawn in proportion to 1/k^exponent, so a few
 * best sellers take most orders and a long tail sells rarely, as on any marketplace.
 */
export function zipfWeights<T>(items: readonly T[], exponent: number): [T, number][] {
  return items.map((item, k) => [item, 1 / (k + 1) ** exponent]);
}
