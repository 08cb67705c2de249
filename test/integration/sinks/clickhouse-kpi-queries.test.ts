import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { migrate } from '../../../infra/clickhouse/migrator.ts';
import { sql } from '../../../infra/clickhouse/sql-literal.ts';
import type { SqlEngine } from '../../../infra/clickhouse/sql-engine.ts';
import { EVENT_TABLES, kpiMigrations } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import {
  asinEstimatedRevenue,
  asinPriceHistory,
  asinRankHistory,
  asinRatingHistory,
  asinReviewsPerDay,
  categoryDistribution,
  crawlFrontierByHost,
  crawlOutcomesByHost,
  PRICE_QUANTILE_LEVELS,
  priceDistribution,
  pagesPerHour,
  priceSummary,
  salesKpis,
  topMovers,
  type SalesDimension,
  type SalesKpiRow,
} from '../../../sinks/clickhouse/kpi-queries/index.ts';
import { startChdb, type ChdbEngine } from '../../support/chdb-engine.ts';
import {
  BUCKET_MS,
  catalogRow,
  enrichedOrderRow,
  exactQuantile,
  floorTo,
  LISTINGS,
  listingPrice,
  netRevenue,
  OBSERVATIONS,
  observationRow,
  OUTCOMES,
  outcomeRow,
  ORDERS,
  PAGES,
  pageRow,
  priceBucket,
  REQUESTS,
  requestRow,
  REVIEWS,
  reviewRow,
  T0,
  type SampleObservation,
  type SampleOrder,
} from '../../support/kpi-sample-events.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const DAY = BUCKET_MS.day;
/** Everything of the sample: March and April 2024. */
const ALL = { fromMs: T0 - 40 * DAY, toMs: T0 + 40 * DAY };
const HOSTILE = ["x' OR '1'='1", "'; DROP TABLE orders_enriched; --", 'back\\slash\\', 'nul\0byte', "A1' UNION ALL SELECT 1 /*"];

const insert = (engine: SqlEngine, table: string, rows: readonly Record<string, unknown>[]): Promise<void> =>
  engine.execute(`INSERT INTO ${table} FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);

/** Each table's rows in two inserts, so the KPI tables hold several parts of partial states to merge. */
async function insertSample(engine: SqlEngine): Promise<void> {
  const tables: [string, Record<string, unknown>[]][] = [
    [EVENT_TABLES.enrichedOrders, ORDERS.map(enrichedOrderRow)],
    [EVENT_TABLES.catalogProducts, LISTINGS.map(catalogRow)],
    [EVENT_TABLES.enrichedObservations, OBSERVATIONS.map(observationRow)],
    [EVENT_TABLES.productPages, PAGES.map(pageRow)],
    [EVENT_TABLES.reviews, REVIEWS.map(reviewRow)],
    [EVENT_TABLES.crawlOutcomes, OUTCOMES.map(outcomeRow)],
    [EVENT_TABLES.crawlRequests, REQUESTS.map(requestRow)],
  ];
  for (const [table, rows] of tables) {
    // The later half first: first/last must come from event time, not insert order.
    const half = Math.ceil(rows.length / 2);
    await insert(engine, table, rows.slice(half));
    await insert(engine, table, rows.slice(0, half));
  }
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};
/** The one item of a non-empty group's slice. */
const only = <T>(items: readonly T[]): T => {
  const [item] = items;
  assert.ok(item !== undefined, 'a group has items');
  return item;
};
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The sales KPIs computed from the sample orders, as salesKpis returns them (sorted like its ORDER BY). */
function expectedSales(bucket: 'minute' | 'hour' | 'day', dims: readonly SalesDimension[], keep: (o: SampleOrder) => boolean = () => true): SalesKpiRow[] {
  const field = { category: 'category', country: 'country', payment_method: 'payment' } as const;
  const groups = groupBy(ORDERS.filter(keep), (o) => JSON.stringify([floorTo(o.at, BUCKET_MS[bucket]), o.currency, ...dims.map((d) => o[field[d]])]));
  return [...groups.keys()].sort(byKey).map((key) => {
    const orders = groups.get(key) ?? [];
    const first = only(orders.slice(0, 1));
    const revenue = sum(orders.map((o) => o.revenue));
    return {
      bucketStartMs: floorTo(first.at, BUCKET_MS[bucket]),
      currency: first.currency,
      category: dims.includes('category') ? first.category : null,
      country: dims.includes('country') ? first.country : null,
      paymentMethod: dims.includes('payment_method') ? first.payment : null,
      revenueMinor: revenue,
      netRevenueMinor: sum(orders.map(netRevenue)),
      orders: orders.length,
      units: sum(orders.map((o) => o.quantity)),
      averageOrderValueMinor: revenue / orders.length,
      uniqueCustomers: new Set(orders.map((o) => o.customer)).size,
    };
  });
}

/** First and last of `value` by event time among the observations that have one. */
function firstLast(observations: readonly SampleObservation[], value: (o: SampleObservation) => number | null): { values: number[]; first: number; last: number } {
  const seen = observations.filter((o) => value(o) !== null).sort((a, b) => a.at - b.at);
  const values = seen.map((o) => value(o) ?? 0);
  return { values, first: values[0] ?? 0, last: values[values.length - 1] ?? 0 };
}

describe('ClickHouse KPI queries on the 18.16 server and on chDB (26.x), over the same known events', () => {
  const database = uniqueName('it_ch_kpis');
  const admin = createClickHouseClient(config);
  const client = createClickHouseClient(config, database);
  const server = clientSqlEngine(client);
  let chdb: ChdbEngine;

  /** Runs a query on the server, asserts the expected rows, and asserts chDB returns the very same. */
  async function onBoth<T>(query: (engine: SqlEngine) => Promise<T>, expected: T): Promise<void> {
    const fromServer = await query(server);
    assert.deepEqual(fromServer, expected, 'the 18.16 server');
    assert.deepEqual(await query(chdb), fromServer, 'chDB (26.x) agrees with the server');
  }

  before(async () => {
    await admin.command({ query: `CREATE DATABASE ${database}` });
    chdb = await startChdb(database);
    for (const engine of [server, chdb]) {
      await migrate(engine, kpiMigrations());
      await insertSample(engine);
    }
  });

  after(async () => {
    await chdb.close();
    await client.close();
    await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await admin.close();
  });

  it('sales KPIs per minute, hour and day, split or summed over dimensions, and filtered', async () => {
    const all: SalesDimension[] = ['category', 'country', 'payment_method'];
    await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'minute' }), expectedSales('minute', all));
    await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'hour' }), expectedSales('hour', all));
    await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'day', groupBy: ['category'] }), expectedSales('day', ['category']));
    await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'hour', groupBy: [] }), expectedSales('hour', []));
    await onBoth(
      (e) => salesKpis(e, { range: { fromMs: T0, toMs: T0 + BUCKET_MS.hour }, bucket: 'minute', filters: { currency: 'INR', paymentMethod: 'UPI' } }),
      expectedSales('minute', all, (o) => o.at < T0 + BUCKET_MS.hour && o.currency === 'INR' && o.payment === 'UPI'),
    );
    await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'hour', groupBy: [], limit: 2 }), expectedSales('hour', []).slice(0, 2));
  });

  it('price summary, price distribution and category distribution of the catalog', async () => {
    const priced = LISTINGS.filter((l) => listingPrice(l) !== null);
    const groups = groupBy(LISTINGS, (l) => JSON.stringify([l.category, l.currency]));
    const summary = [...groups.keys()].sort(byKey).map((key) => {
      const listings = groups.get(key) ?? [];
      const prices = listings.flatMap((l) => listingPrice(l) ?? []).sort((a, b) => a - b);
      return {
        category: listings[0]?.category ?? '',
        currency: listings[0]?.currency ?? '',
        products: new Set(listings.map((l) => l.asin)).size,
        pricedListings: prices.length,
        averagePriceMinor: sum(prices) / prices.length,
        quantilesMinor: PRICE_QUANTILE_LEVELS.map((level) => exactQuantile(prices, level)),
      };
    });
    await onBoth((e) => priceSummary(e, { range: ALL }), summary);
    await onBoth((e) => priceSummary(e, { range: ALL, filters: { category: 'Electronics' } }), summary.filter((s) => s.category === 'Electronics'));

    const buckets = groupBy(priced, (l) => JSON.stringify([l.category, l.currency, priceBucket(listingPrice(l) ?? 0)]));
    const distribution = [...buckets.entries()]
      .map(([key, listings]) => {
        const [category, currency, bucketMinor] = JSON.parse(key) as [string, string, number];
        return { category, currency, bucketMinor, products: new Set(listings.map((l) => l.asin)).size };
      })
      .sort((a, b) => byKey(a.category, b.category) || byKey(a.currency, b.currency) || a.bucketMinor - b.bucketMinor);
    await onBoth((e) => priceDistribution(e, { range: ALL }), distribution);

    const categories = [...groupBy(LISTINGS, (l) => l.category)].map(([category, listings]) => ({ category, products: new Set(listings.map((l) => l.asin)).size }));
    await onBoth((e) => categoryDistribution(e, { range: ALL }), categories.sort((a, b) => b.products - a.products || byKey(a.category, b.category)));
  });

  it('per ASIN: price, rank and estimated-revenue history per hour and per day', async () => {
    for (const bucket of ['hour', 'day'] as const) {
      const groups = groupBy(OBSERVATIONS.filter((o) => o.asin === 'A1'), (o) => String(floorTo(o.at, BUCKET_MS[bucket])));
      const buckets = [...groups.entries()].map(([start, observations]) => ({ bucketStartMs: Number(start), observations })).sort((a, b) => a.bucketStartMs - b.bucketStartMs);
      const where = { bucketStartMs: 0, marketplace: 'IN', currency: 'INR' };

      await onBoth(
        (e) => asinPriceHistory(e, { asin: 'A1', bucket, range: ALL }),
        buckets.flatMap(({ bucketStartMs, observations }) => {
          const { values, first, last } = firstLast(observations, (o) => o.price);
          if (values.length === 0) return [];
          return [{ ...where, bucketStartMs, observations: values.length, firstMinor: first, lastMinor: last, lowestMinor: Math.min(...values), highestMinor: Math.max(...values), averageMinor: sum(values) / values.length }];
        }),
      );
      await onBoth(
        (e) => asinRankHistory(e, { asin: 'A1', bucket, range: ALL }),
        buckets.map(({ bucketStartMs, observations }) => {
          const { values, first, last } = firstLast(observations, (o) => o.rank);
          return { ...where, bucketStartMs, firstRank: first, lastRank: last, bestRank: Math.min(...values), worstRank: Math.max(...values) };
        }),
      );
      await onBoth(
        (e) => asinEstimatedRevenue(e, { asin: 'A1', bucket, range: ALL }),
        buckets.map(({ bucketStartMs, observations }) => ({
          ...where,
          bucketStartMs,
          estimatedMonthlyRevenueMinor: firstLast(observations, (o) => o.revenue).last,
          estimatedMonthlyUnits: firstLast(observations, (o) => o.units).last,
        })),
      );
    }
  });

  it('per ASIN: rating and review velocity from pages, reviews per day counted once per review', async () => {
    for (const bucket of ['hour', 'day'] as const) {
      const groups = groupBy(PAGES, (p) => String(floorTo(p.at, BUCKET_MS[bucket])));
      await onBoth(
        (e) => asinRatingHistory(e, { asin: 'A1', bucket, range: ALL }),
        [...groups.entries()].map(([start, pages]) => {
          const sorted = [...pages].sort((a, b) => a.at - b.at);
          const first = only(sorted.slice(0, 1));
          const last = only(sorted.slice(-1));
          return { bucketStartMs: Number(start), marketplace: 'IN', rating: last.rating, reviewCountFirst: first.reviewCount, reviewCountLast: last.reviewCount, reviewVelocity: last.reviewCount - first.reviewCount };
        }),
      );
    }
    const days = groupBy([...new Map(REVIEWS.map((r) => [r.id, r])).values()], (r) => r.day);
    await onBoth(
      (e) => asinReviewsPerDay(e, { asin: 'A1', range: ALL }),
      [...days.keys()].sort(byKey).map((day) => {
        const reviews = days.get(day) ?? [];
        const byStars = [1, 2, 3, 4, 5].map((s) => reviews.filter((r) => r.rating === s).length) as [number, number, number, number, number];
        return { day, reviews: reviews.length, byStars, averageRating: sum(reviews.map((r) => r.rating)) / reviews.length };
      }),
    );
  });

  it('crawl health: outcomes and blocked answers per host, the frontier per host, product pages per hour', async () => {
    const hosts = [...groupBy(OUTCOMES, (o) => o.host)].map(([host, outcomes]) => ({
      host,
      pages: outcomes.length,
      fetched: outcomes.filter((o) => o.outcome === 'fetched').length,
      blockedPages: outcomes.filter((o) => o.blocked > 0).length,
      blockedFetches: sum(outcomes.map((o) => o.blocked)),
      failed: outcomes.filter((o) => o.outcome === 'gave-up' || o.outcome === 'dead-lettered').length,
    }));
    await onBoth((e) => crawlOutcomesByHost(e, { range: ALL }), hosts.sort((a, b) => b.blockedFetches - a.blockedFetches || byKey(a.host, b.host)));
    const firstHour = { fromMs: T0, toMs: T0 + BUCKET_MS.hour };
    const blockedFirstHour = OUTCOMES.filter((o) => o.host === 'shop.example:8080' && o.at < firstHour.toMs);
    assert.deepEqual((await crawlOutcomesByHost(server, { range: firstHour }))[0], { host: 'shop.example:8080', pages: 2, fetched: 2, blockedPages: 1, blockedFetches: sum(blockedFirstHour.map((o) => o.blocked)), failed: 0 });
    const finished = new Set(OUTCOMES.map((o, i) => outcomeRow(o, i).url));
    const frontier = [...groupBy(REQUESTS, (r) => r.host)].map(([host, requests]) => ({
      host,
      requests: requests.length,
      urls: new Set(requests.map((r) => r.url)).size,
      retries: requests.filter((r) => r.attempt > 0).length,
      pending: new Set(requests.filter((r) => !finished.has(r.url)).map((r) => r.url)).size,
      deepest: Math.max(...requests.map((r) => r.depth)),
    }));
    assert.ok(frontier.every((h) => h.pending > 0 && h.urls > h.pending), 'each host has pages pending and pages finished');
    await onBoth((e) => crawlFrontierByHost(e, { range: ALL }), frontier.sort((a, b) => b.pending - a.pending || byKey(a.host, b.host)));
    const hours = groupBy(PAGES, (p) => String(floorTo(p.at, BUCKET_MS.hour)));
    await onBoth(
      (e) => pagesPerHour(e, { range: ALL }),
      [...hours.entries()].map(([start, pages]) => ({ bucketStartMs: Number(start), pages: pages.length, asins: new Set(pages.map((p) => p.asin)).size })).sort((a, b) => a.bucketStartMs - b.bucketStartMs),
    );
  });

  it('top movers per hour by price and by rank: largest change within the hour first, unchanged left out', async () => {
    for (const by of ['price', 'rank'] as const) {
      const groups = groupBy(OBSERVATIONS, (o) => JSON.stringify([floorTo(o.at, BUCKET_MS.hour), o.asin]));
      const movers = [...groups.entries()]
        .map(([key, observations]) => {
          const [bucketStartMs, asin] = JSON.parse(key) as [number, string];
          const { first, last } = firstLast(observations, (o) => (by === 'price' ? o.price : o.rank));
          return { bucketStartMs, asin, marketplace: 'IN', currency: 'INR', first, last, change: last - first };
        })
        .filter((m) => m.change !== 0)
        .sort((a, b) => a.bucketStartMs - b.bucketStartMs || Math.abs(b.change) - Math.abs(a.change) || byKey(a.asin, b.asin));
      await onBoth((e) => topMovers(e, { range: ALL, by, perHour: 5 }), movers);
      const firstPerHour = movers.filter((m, i) => movers.findIndex((n) => n.bucketStartMs === m.bucketStartMs) === i);
      await onBoth((e) => topMovers(e, { range: ALL, by, perHour: 1 }), firstPerHour);
    }
  });

  it('binds hostile filter values as plain values on both engines: they read back as themselves and match nothing', async () => {
    for (const value of HOSTILE) {
      await onBoth(async (e) => e.rows(sql`SELECT ${value} AS v, length(${value}) AS n`), [{ v: value, n: Buffer.byteLength(value) }]);
      await onBoth((e) => salesKpis(e, { range: ALL, bucket: 'hour', filters: { category: value } }), []);
      await onBoth((e) => asinPriceHistory(e, { asin: value, bucket: 'hour', range: ALL }), []);
      await onBoth((e) => priceSummary(e, { range: ALL, filters: { currency: value } }), []);
    }
    const [orders] = await server.rows<{ n: number }>(`SELECT count() AS n FROM ${EVENT_TABLES.enrichedOrders}`);
    assert.equal(orders?.n, ORDERS.length);
  });
});
