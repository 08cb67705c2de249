import { InvalidOptionError } from '../../errors/index.ts';
import { SeededRandom } from '../seeded-random.ts';
import { BRANDS, CATEGORY_PRODUCTS } from './vocabulary.ts';
import { WeightedChoice, zipfWeights } from './weighted-choice.ts';

/** One product of the synthetic marketplace. */
export interface SyntheticProduct {
  /** Sales-dataset style id, such as P00015. */
  readonly productId: string;
  /** Amazon style id, such as B0K3XJ29QZ, for observations and reviews. */
  readonly asin: string;
  readonly name: string;
  readonly category: string;
  readonly brand: string;
  /** Typical unit price in US cents. */
  readonly basePriceMinor: number;
  /** 1 for the best seller of the whole catalog. */
  readonly popularityRank: number;
  /** Share of all orders the product gets. */
  readonly share: number;
}

export interface SyntheticCatalog {
  readonly products: readonly SyntheticProduct[];
  readonly categories: readonly string[];
  /** A product drawn by popularity: Zipf over categories, then Zipf within the category. */
  sample(random: SeededRandom): SyntheticProduct;
}

const CATEGORY_EXPONENT = 0.8;
const PRODUCT_EXPONENT = 1.1;
/** Median price per category in dollars; prices spread log-normally around it. */
const MEDIAN_PRICE: Readonly<Record<string, number>> = {
  Electronics: 120, 'Home & Kitchen': 80, Clothing: 40, Books: 15, 'Toys & Games': 30, 'Sports & Outdoors': 35,
};
const PRICE_SIGMA = 0.6;
const EDITIONS = ['', ' Pro', ' Lite', ' Max', ' Plus', ' Mini', ' 2', ' Classic'];
const ASIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The products everything generated refers to, the same for a seed whatever is generated, so
 * orders, observations and reviews of one seed share product ids and ASINs.
 */
export function syntheticCatalog(seed: number, size = 120): SyntheticCatalog {
  if (!(Number.isInteger(size) && size >= CATEGORY_PRODUCTS.length)) {
    throw new InvalidOptionError('catalog', [{ path: 'size', message: `expected at least one product per category (${CATEGORY_PRODUCTS.length})` }]);
  }
  const random = new SeededRandom(seed).fork(1);
  const categories = CATEGORY_PRODUCTS.map(([category]) => category);
  const categoryShares = normalize(zipfWeights(categories, CATEGORY_EXPONENT));
  const products: SyntheticProduct[] = [];
  for (const [c, [category, names]] of CATEGORY_PRODUCTS.entries()) {
    // Products are dealt to categories in turn, so each holds size / 6 of them, rounded.
    const count = Math.floor(size / categories.length) + (c < size % categories.length ? 1 : 0);
    const shares = normalize(zipfWeights(Array.from({ length: count }, (_, k) => k), PRODUCT_EXPONENT));
    for (let k = 0; k < count; k++) {
      const dollars = Math.min(3000, Math.max(2, random.logNormal(Math.log(MEDIAN_PRICE[category] ?? 50), PRICE_SIGMA)));
      products.push({
        productId: `P${String(products.length + 1).padStart(5, '0')}`,
        asin: `B0${Array.from({ length: 8 }, () => ASIN_CHARS.charAt(random.int(0, ASIN_CHARS.length - 1))).join('')}`,
        name: `${names[k % names.length] ?? 'Gadget'}${EDITIONS[Math.floor(k / names.length) % EDITIONS.length] ?? ''}`,
        category,
        brand: random.pick(BRANDS),
        basePriceMinor: Math.round(dollars * 100),
        popularityRank: 0,
        share: (categoryShares[c] ?? 0) * (shares[k] ?? 0),
      });
    }
  }
  const ranked = [...products].sort((a, b) => b.share - a.share);
  for (const [r, p] of ranked.entries()) products[products.indexOf(p)] = { ...p, popularityRank: r + 1 };
  const categoryChoice = new WeightedChoice(categories.map((c, i): [string, number] => [c, categoryShares[i] ?? 0]));
  const choices = new Map(
    categories.map((c) => [c, new WeightedChoice(products.filter((p) => p.category === c).map((p): [SyntheticProduct, number] => [p, p.share]))]),
  );
  return {
    products,
    categories,
    sample: (r) => (choices.get(categoryChoice.sample(r)) as WeightedChoice<SyntheticProduct>).sample(r),
  };
}

function normalize(weighted: readonly (readonly [unknown, number])[]): number[] {
  const sum = weighted.reduce((a, [, w]) => a + w, 0);
  return weighted.map(([, w]) => w / sum);
}
