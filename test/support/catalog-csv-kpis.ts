import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { PRICE_QUANTILE_LEVELS, type CategoryShareRow, type PriceBucketRow, type PriceSummaryRow } from '../../sinks/clickhouse/kpi-queries/price-kpis.ts';
import { parseProductRow, type ProductColumn } from '../../sources/replay/product-row.ts';
import { exactQuantile, priceBucket } from './kpi-sample-events.ts';
import { repoPath } from './repo-path.ts';

/** A real product CSV of ../shared/data (read in place, never copied into the repo). */
export const productCsv = (name: string): string => repoPath('..', 'shared', 'data', 'amazon-products-in-2023', `${name}.csv`);

/** One CSV listing as the catalog KPIs count it. */
export interface CsvListing {
  readonly asin: string;
  readonly name: string;
  /** The search time in the link's qid, in ms: every row of these files has one. */
  readonly eventTime: number;
  readonly category: string;
  readonly currency: string;
  /** The discounted price, else the list price, in minor units; null when the row has neither. */
  readonly priceMinor: number | null;
  /** What the test takes for "the same listing": the ASIN and every parsed value but sub-category, link and image. */
  readonly identity: string;
}

/** The rows of `files` in replay order, read with csv-parse and the project's row parser. */
export function csvListings(files: readonly string[]): CsvListing[] {
  return files.flatMap((file) => {
    const rows = parse<Record<ProductColumn, string>>(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true });
    return rows.map((row, i) => {
      const { product: p } = parseProductRow(row, { file, line: i + 2 });
      const qid = /[?&]qid=(\d+)/.exec(row.link)?.[1];
      if (qid === undefined) throw new Error(`${file}: row ${i + 2} has no qid in its link`);
      return {
        asin: p.asin,
        name: p.name,
        eventTime: Number(qid) * 1000,
        category: p.main_category,
        currency: p.currency,
        priceMinor: p.discount_price_minor ?? p.actual_price_minor,
        identity: JSON.stringify([p.asin, p.name, p.main_category, p.ratings, p.no_of_ratings, p.discount_price_minor, p.actual_price_minor, p.currency, p.marketplace]),
      };
    });
  });
}

/** The first occurrence of each listing, in replay order: what the pipeline keeps of repeated rows. */
export function firstOfEachListing(listings: readonly CsvListing[]): CsvListing[] {
  const seen = new Set<string>();
  return listings.filter((l) => !seen.has(l.identity) && seen.add(l.identity));
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

const distinctAsins = (listings: readonly CsvListing[]): number => new Set(listings.map((l) => l.asin)).size;

/** priceSummary's rows for `listings`: per category and currency, sorted as the query sorts them. */
export function expectedPriceSummary(listings: readonly CsvListing[]): PriceSummaryRow[] {
  return [...groupBy(listings, (l) => JSON.stringify([l.category, l.currency])).values()]
    .map((group) => {
      const prices = group.flatMap((l) => l.priceMinor ?? []).sort((a, b) => a - b);
      const first = group[0] as CsvListing;
      return {
        category: first.category,
        currency: first.currency,
        products: distinctAsins(group),
        pricedListings: prices.length,
        averagePriceMinor: prices.length === 0 ? null : prices.reduce((a, b) => a + b, 0) / prices.length,
        quantilesMinor: prices.length === 0 ? [] : PRICE_QUANTILE_LEVELS.map((level) => exactQuantile(prices, level)),
      };
    })
    .sort((a, b) => byText(a.category, b.category) || byText(a.currency, b.currency));
}

/** priceDistribution's rows for `listings`: distinct priced ASINs per category, currency and 1-2-5 bucket. */
export function expectedPriceDistribution(listings: readonly CsvListing[]): PriceBucketRow[] {
  const priced = listings.filter((l) => l.priceMinor !== null);
  return [...groupBy(priced, (l) => JSON.stringify([l.category, l.currency, priceBucket(l.priceMinor ?? 0)])).entries()]
    .map(([key, group]) => {
      const [category, currency, bucketMinor] = JSON.parse(key) as [string, string, number];
      return { category, currency, bucketMinor, products: distinctAsins(group) };
    })
    .sort((a, b) => byText(a.category, b.category) || byText(a.currency, b.currency) || a.bucketMinor - b.bucketMinor);
}

/** categoryDistribution's rows for `listings`: distinct ASINs per category, most first. */
export function expectedCategoryDistribution(listings: readonly CsvListing[]): CategoryShareRow[] {
  return [...groupBy(listings, (l) => l.category).entries()]
    .map(([category, group]) => ({ category, products: distinctAsins(group) }))
    .sort((a, b) => b.products - a.products || byText(a.category, b.category));
}
