import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { PRODUCT_COLUMNS, type ProductColumn } from '../replay/product-row.ts';
import { SeededRandom } from '../seeded-random.ts';
import { syntheticCatalog, type SyntheticProduct } from './synthetic-catalog.ts';

/** Discounts a listing shows, as fractions of the list price; most listings show one. */
const DISCOUNTS = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4];

const dollars = (minor: number): string => `$${(minor / 100).toFixed(2)}`;

/**
 * A product of the synthetic catalog as a row of the Amazon products CSVs (their nine columns, the
 * link carrying /dp/<ASIN> and the listing time as `qid`, prices in dollars as amazon.com shows them,
 * ratings with one decimal, counts with thousands separators), so the products of a seed and the
 * orders and observations generated for it share ASINs.
 */
export function productCsvRow(product: SyntheticProduct, random: SeededRandom, listedAtMs: number): string[] {
  const discount = random.pick(DISCOUNTS);
  const slug = product.name.replaceAll(/[^A-Za-z0-9]+/g, '-');
  const fields: Record<ProductColumn, string> = {
    name: `${product.brand} ${product.name}`,
    main_category: product.category.toLowerCase(),
    sub_category: product.category,
    image: `https://m.media-amazon.com/images/I/${product.asin}._AC_UL320_.jpg`,
    link: `https://www.amazon.com/${slug}/dp/${product.asin}/ref=sr_1_${product.popularityRank}?qid=${Math.floor(listedAtMs / 1000)}`,
    ratings: (3 + random.int(0, 20) / 10).toFixed(1),
    no_of_ratings: Math.round(50_000 / product.popularityRank).toLocaleString('en-US'),
    discount_price: discount === 0 ? '' : dollars(Math.round(product.basePriceMinor * (1 - discount))),
    actual_price: dollars(product.basePriceMinor),
  };
  return PRODUCT_COLUMNS.map((c) => fields[c]);
}

/** Writes the synthetic catalog of `seed` as a products CSV through csv-stringify; resolves to the rows written. */
export async function writeProductsCsv(seed: number, listedAtMs: number, file: string): Promise<number> {
  const { products } = syntheticCatalog(seed);
  const random = new SeededRandom(seed).fork(7);
  const rows = products.map((product) => productCsvRow(product, random, listedAtMs));
  await pipeline(Readable.from(rows), stringify({ header: true, columns: [...PRODUCT_COLUMNS] }), createWriteStream(file));
  return rows.length;
}
