import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { asinDashboard } from '../../../console/server/asin-dashboard.ts';
import { crawlDashboard } from '../../../console/server/crawl-dashboard.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { moversDashboard } from '../../../console/server/movers-dashboard.ts';
import { productsDashboard } from '../../../console/server/products-dashboard.ts';
import { money } from '../../../console/web/src/sales/sales-format.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { EVENT_TABLES } from '../../../sinks/clickhouse/clickhouse-schema.ts';
import { asinPriceHistory, priceSummary, topMovers } from '../../../sinks/clickhouse/kpi-queries/index.ts';
import { applyKpiSchema } from '../../../sinks/clickhouse/kpi-schema-migrations.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { inPage } from '../../support/in-page.ts';
import {
  catalogRow,
  observationRow,
  OUTCOMES,
  outcomeRow,
  pageRow,
  REQUESTS,
  requestRow,
  reviewRow,
  T0,
  type SampleListing,
  type SampleObservation,
  type SamplePage,
  type SampleReview,
} from '../../support/kpi-sample-events.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertShownPanels } from './shown-panels.ts';

const database = uniqueName('it_console_catalog');
const base = loadConfig({ ...process.env, SHELFSTREAM_CLICKHOUSE_DATABASE: database });
const SHOTS = repoPath('test-output/console');
const HOUR = 3_600_000;
/** 2024-03-10 10:00 to 18:00 UTC: six hours of events and room for more. */
const RANGE = { fromMs: T0, toMs: T0 + 8 * HOUR };
const VIEW = { from: new Date(RANGE.fromMs).toISOString(), to: new Date(RANGE.toMs).toISOString() };
const CATEGORIES = ['Electronics', 'Books', 'Toys', 'Garden'];
const ASINS = Array.from({ length: 12 }, (_, i) => `B0${String(i + 1).padStart(2, '0')}`);

/** `count` listings spread over six hours, in INR, prices log-normal by category. */
function listings(first: number, count: number, category?: string): SampleListing[] {
  const random = seededRandom(first + 7);
  return Array.from({ length: count }, (_, n) => {
    const pick = category ?? random.pick(CATEGORIES);
    const price = Math.round(random.logNormal(9 + CATEGORIES.indexOf(pick) * 0.4, 0.7));
    return { at: T0 + random.int(0, 6 * HOUR - 1), asin: `L${first + n}`, category: pick, currency: 'INR', discount: random.chance(0.3) ? Math.round(price * 0.8) : null, actual: price };
  });
}

/** Every ASIN every 15 minutes for six hours: price and rank random walks, and revenue estimates. */
function observations(): SampleObservation[] {
  const random = seededRandom(11);
  return ASINS.flatMap((asin, i) => {
    let price = 5000 + i * 1500;
    let rank = 100 + i * 40;
    return Array.from({ length: 24 }, (_, step) => {
      price = Math.max(100, price + random.int(-400, 400));
      rank = Math.max(1, rank + random.int(-30, 30));
      return { at: T0 + step * 15 * 60_000 + i * 1000, asin, price, rank, revenue: price * (400 - Math.min(rank, 399)), units: 400 - Math.min(rank, 399) };
    });
  });
}

/** Two product pages of each ASIN an hour: the rating drifting, reviews growing. */
function pages(): SamplePage[] {
  const random = seededRandom(13);
  return ASINS.flatMap((asin, i) => {
    let rating = 3.6 + (i % 5) * 0.25;
    let reviews = 50 * (i + 1);
    return Array.from({ length: 12 }, (_, half) => {
      rating = Math.min(5, Math.max(1, rating + random.int(-2, 2) / 20));
      reviews += random.int(0, 12);
      return { at: T0 + half * 30 * 60_000 + 5 * 60_000, asin, rating: Math.round(rating * 100) / 100, reviewCount: reviews };
    });
  });
}

const REVIEWS: SampleReview[] = ASINS.slice(0, 3).flatMap((asin) => [
  { at: T0, id: `${asin}-R1`, asin, day: '2024-03-08', rating: 5 },
  { at: T0, id: `${asin}-R2`, asin, day: '2024-03-09', rating: 3 },
]);

describe('the Products, Top movers, ASIN and Crawl dashboards in Chromium against the local ClickHouse', () => {
  const admin = createClickHouseClient(base);
  const engine = clientSqlEngine(createClickHouseClient(base, database));
  let server: ConsoleServer;
  let browser: Browser;

  const insert = (table: string, rows: readonly Record<string, unknown>[]) => engine.execute(`INSERT INTO ${table} FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);
  const open = (hash: string, run: (page: Page) => Promise<void>) => inPage(browser, `${server.url}/#/${hash}`, run);
  const view = (page: string) => `${page}?${new URLSearchParams(VIEW).toString()}`;
  /** Under test-output; the README's copy (a tracked file) only when asked. */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    if (process.env.SHELFSTREAM_UPDATE_SCREENSHOTS === '1') await copyFile(`${SHOTS}/${name}.png`, repoPath(`docs/screenshots/console-${name}.png`));
  }
  const exactly = (text: string) => new RegExp(`^${text.replace(/[$.#+]/g, '\\$&')}$`);

  const GRACE_MS = base.console.windowGraceMs;
  /** A window's state against a table's latest event time, computed here, not by the console. */
  async function stateOf(table: string, endMs: number): Promise<string> {
    const [row] = await engine.rows<{ w: number }>(`SELECT max(kafka_timestamp) AS w FROM ${table}`);
    const w = row?.w ?? 0;
    return w < endMs ? 'open' : w < endMs + GRACE_MS ? 'grace' : 'final';
  }
  /**
   * The windows (`start|key`) of the range a record entered after its partition had carried an event
   * time at or past the window's end + grace, from the rows in offset order: the console's definition
   * of corrected, computed here.
   */
  async function correctedWindows(table: string, key: string, bucketMs: number): Promise<Set<string>> {
    const rows = await engine.rows<{ p: number; o: number; t: number; k: string }>(`SELECT kafka_partition AS p, kafka_offset AS o, kafka_timestamp AS t, ${key} AS k FROM ${table} ORDER BY p, o`);
    const highest = new Map<number, number>();
    const corrected = new Set<string>();
    for (const r of rows) {
      const start = Math.floor(r.t / bucketMs) * bucketMs;
      if (r.t >= RANGE.fromMs && r.t < RANGE.toMs && (highest.get(r.p) ?? -Infinity) >= start + bucketMs + GRACE_MS) corrected.add(`${start}|${r.k}`);
      highest.set(r.p, Math.max(r.t, highest.get(r.p) ?? -Infinity));
    }
    return corrected;
  }
  /** A row's mark as the page shows it. */
  const markOf = async (row: Locator) => ({ state: await row.getByTestId('window-state').getAttribute('data-state'), corrected: (await row.getByTestId('window-corrected').count()) > 0 });

  before(async () => {
    await prepareConsoleTest(SHOTS);
    await applyKpiSchema(base);
    await insert(EVENT_TABLES.catalogProducts, listings(0, 160).map(catalogRow));
    await insert(EVENT_TABLES.enrichedObservations, observations().map(observationRow));
    await insert(EVENT_TABLES.productPages, pages().map(pageRow));
    await insert(EVENT_TABLES.reviews, REVIEWS.map(reviewRow));
    await insert(EVENT_TABLES.crawlOutcomes, OUTCOMES.map(outcomeRow));
    await insert(EVENT_TABLES.crawlRequests, REQUESTS.map(requestRow));
    server = await startConsoleServer(loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1', SHELFSTREAM_CLICKHOUSE_DATABASE: database }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await admin.close();
  });

  it('Products: each category\'s average price, quantiles and products as the KPI query gives them, and new listings without a reload', async () => {
    await open(view('products'), async (page) => {
      const summary = await priceSummary(engine, { range: RANGE });
      assert.equal(summary.length, CATEGORIES.length);
      for (const row of summary) {
        const cells = page.getByTestId(`summary-${row.category}-${row.currency}`);
        await cells.getByTestId('products').filter({ hasText: exactly(String(row.products)) }).waitFor({ timeout: 20_000 });
        assert.equal(await cells.getByTestId('average').innerText(), money(Math.round(row.averagePriceMinor ?? 0), row.currency));
        assert.equal(await cells.getByTestId('p50').innerText(), money(row.quantilesMinor[1] ?? 0, row.currency));
      }
      await page.getByTestId('price-distribution').locator('canvas').waitFor();
      await page.getByTestId('category-distribution').locator('canvas').waitFor();
      // Each category's figures as final as its latest hour, corrected when a listing came after its partition passed an hour's end + grace.
      const [latest, corrected] = await Promise.all([
        engine.rows<{ category: string; currency: string; h: number }>(`SELECT main_category AS category, currency, toUInt32(max(toStartOfHour(event_time))) * 1000 AS h FROM ${EVENT_TABLES.catalogProducts} GROUP BY category, currency`),
        correctedWindows(EVENT_TABLES.catalogProducts, "concat(main_category, '|', currency)", HOUR),
      ]);
      assert.ok(corrected.size > 0, 'the listings arrive out of event-time order');
      for (const r of latest) {
        const key = `${r.category}|${r.currency}`;
        assert.deepEqual(await markOf(page.getByTestId(`summary-${r.category}-${r.currency}`)), { state: await stateOf(EVENT_TABLES.catalogProducts, r.h + HOUR), corrected: [...corrected].some((c) => c.endsWith(`|${key}`)) }, key);
      }
      await assertShownPanels(page, productsDashboard);
      await shoot(page, 'products');

      await insert(EVENT_TABLES.catalogProducts, listings(1000, 7, 'Toys').map(catalogRow));
      const [toys] = await priceSummary(engine, { range: RANGE, filters: { category: 'Toys' } });
      assert.ok(toys !== undefined);
      await page.getByTestId('summary-Toys-INR').getByTestId('products').filter({ hasText: exactly(String(toys.products)) }).waitFor({ timeout: 20_000 });
      assert.equal(await page.getByTestId('summary-Toys-INR').getByTestId('average').innerText(), money(Math.round(toys.averagePriceMinor ?? 0), 'INR'));
    });
  });

  it('Top movers: each hour\'s biggest rank and price changes as the KPI query gives them, rating trends, and a new hour without a reload', async () => {
    await open(view('movers'), async (page) => {
      const byRank = await topMovers(engine, { range: RANGE, by: 'rank', perHour: 5, limit: 10_000 });
      const byPrice = await topMovers(engine, { range: RANGE, by: 'price', perHour: 5, limit: 10_000 });
      const table = page.getByTestId('movers-rank');
      await table.locator('tbody tr').nth(byRank.length - 1).waitFor({ timeout: 20_000 });
      assert.equal(await table.locator('tbody tr').count(), byRank.length);
      assert.equal(await page.getByTestId('movers-price').locator('tbody tr').count(), byPrice.length);
      // Latest hour first: the page's first row is the query's last.
      const latest = byRank.at(-1);
      assert.ok(latest !== undefined);
      const first = table.locator('tbody tr').first();
      assert.equal(await first.locator('a').innerText(), latest.asin);
      assert.equal(await first.getByTestId('last').innerText(), `#${latest.last}`);
      // Each mover marked by its hour's window.
      const corrected = await correctedWindows(EVENT_TABLES.enrichedObservations, "concat(asin, '|', marketplace)", HOUR);
      const rows = await table.locator('tbody tr').all();
      for (const [i, m] of [...byRank].reverse().entries()) {
        const row = rows[i];
        assert.ok(row !== undefined);
        assert.deepEqual(await markOf(row), { state: await stateOf(EVENT_TABLES.enrichedObservations, m.bucketStartMs + HOUR), corrected: corrected.has(`${m.bucketStartMs}|${m.asin}|${m.marketplace}`) }, `${m.asin} at ${m.bucketStartMs}`);
      }
      await page.getByTestId('rating-trends').locator('canvas').waitFor();
      await assertShownPanels(page, moversDashboard);
      await shoot(page, 'movers');

      // Hour 17:00 had no observation: two of B003, its rank climbing 500 places.
      await insert(EVENT_TABLES.enrichedObservations, [
        observationRow({ at: T0 + 7 * HOUR + 60_000, asin: 'B003', price: 9000, rank: 900, revenue: null, units: null }),
        observationRow({ at: T0 + 7 * HOUR + 120_000, asin: 'B003', price: 9000, rank: 400, revenue: null, units: null }),
      ]);
      await table.locator('tbody tr').first().getByTestId('change').filter({ hasText: exactly('-500') }).waitFor({ timeout: 20_000 });
      assert.equal(await table.locator('tbody tr').count(), byRank.length + 1);
    });
  });

  it('ASIN page: reached from a top mover, its price history points as the KPI query gives them, and new ones without a reload', async () => {
    await open(view('movers'), async (page) => {
      const link = page.getByTestId('movers-price').locator('tbody tr').first().locator('a');
      const asin = await link.innerText();
      await link.click();
      await page.waitForURL(new RegExp(`#/asins/${asin}\\?`));
      const history = await asinPriceHistory(engine, { asin, range: RANGE, bucket: 'hour', filters: { marketplace: 'IN' } });
      assert.ok(history.length > 0);
      const points = page.getByTestId('price-point');
      await points.nth(history.length - 1).waitFor({ timeout: 20_000 });
      assert.equal(await points.count(), history.length);
      assert.deepEqual(await page.getByTestId('price-history').getByTestId('last').allInnerTexts(), history.map((h) => money(h.lastMinor, h.currency)));
      const last = history.at(-1);
      assert.ok(last !== undefined);
      assert.equal(await page.getByTestId('last-price').innerText(), money(last.lastMinor, last.currency));
      // Each hour of the price history marked by its window, the last price by the last hour's.
      const corrected = await correctedWindows(EVENT_TABLES.enrichedObservations, "concat(asin, '|', marketplace, '|', currency)", HOUR);
      const expected = await Promise.all(history.map(async (h) => ({ state: await stateOf(EVENT_TABLES.enrichedObservations, h.bucketStartMs + HOUR), corrected: corrected.has(`${h.bucketStartMs}|${asin}|${h.marketplace}|${h.currency}`) })));
      assert.deepEqual(await Promise.all((await points.all()).map(markOf)), expected);
      assert.deepEqual(await markOf(page.locator('[data-panel="last-price"]')), expected.at(-1));
      for (const chart of ['price-chart', 'rank-chart', 'rating-chart', 'velocity-chart', 'revenue-chart']) await page.getByTestId(chart).locator('canvas').waitFor();
      await shoot(page, 'asin');

      // 16:00 had no observation of any ASIN: a new point.
      await insert(EVENT_TABLES.enrichedObservations, [observationRow({ at: T0 + 6 * HOUR + 30 * 60_000, asin, price: 4321, rank: 10, revenue: null, units: null })]);
      await points.nth(history.length).waitFor({ timeout: 20_000 });
      const later = await asinPriceHistory(engine, { asin, range: RANGE, bucket: 'hour', filters: { marketplace: 'IN' } });
      assert.equal(later.length, history.length + 1);
      assert.deepEqual(await page.getByTestId('price-history').getByTestId('last').allInnerTexts(), later.map((h) => money(h.lastMinor, h.currency)));

      // An ASIN with reviews (written on 8 and 9 March) shows every panel.
      await page.goto(`${server.url}/#/asins/B001?${new URLSearchParams({ ...VIEW, from: '2024-03-08T00:00:00Z' }).toString()}`);
      await page.getByTestId('reviews-per-day').waitFor({ timeout: 20_000 });
      await assertShownPanels(page, asinDashboard);
    });
  });

  /** The frontier per host straight from the requests and outcomes tables, counted here rather than by the KPI query the page reads. */
  async function directFrontier() {
    const requests = await engine.rows<{ host: string; job: string; url: string; attempt: number; depth: number }>(`SELECT host, job, url, attempt, depth FROM ${EVENT_TABLES.crawlRequests}`);
    const finished = new Set((await engine.rows<{ job: string; url: string }>(`SELECT job, url FROM ${EVENT_TABLES.crawlOutcomes}`)).map((o) => `${o.job} ${o.url}`));
    return [...new Set(requests.map((r) => r.host))].map((host) => {
      const mine = requests.filter((r) => r.host === host);
      const pages = new Set(mine.map((r) => `${r.job} ${r.url}`));
      return { host, requests: mine.length, urls: pages.size, retries: mine.filter((r) => r.attempt > 0).length, pending: [...pages].filter((p) => !finished.has(p)).length, deepest: Math.max(...mine.map((r) => r.depth)) };
    });
  }

  it('Crawl: fetched, blocked and failed pages per host and the frontier as ClickHouse counts them, and a new outcome without a reload', async () => {
    /** Straight from the outcomes, not through the KPI query the page reads. */
    const direct = () =>
      engine.rows<{ host: string; pages: number; fetched: number; blocked: number; failed: number }>(`
        SELECT host, count() AS pages, countIf(outcome = 'fetched') AS fetched, countIf(blocked > 0) AS blocked, countIf(outcome IN ('gave-up', 'dead-lettered')) AS failed
        FROM ${EVENT_TABLES.crawlOutcomes} GROUP BY host ORDER BY host`);
    await open(view('crawl'), async (page) => {
      const hosts = await direct();
      assert.deepEqual(hosts.map((h) => h.host), ['calm.example', 'shop.example:8080']);
      for (const h of hosts) {
        const row = page.getByTestId(`host-${h.host}`);
        await row.getByTestId('pages').filter({ hasText: exactly(String(h.pages)) }).waitFor({ timeout: 20_000 });
        assert.deepEqual(
          await Promise.all(['fetched', 'blocked', 'failed'].map(async (id) => row.getByTestId(id).innerText())),
          [h.fetched, h.blocked, h.failed].map(String),
          h.host,
        );
      }
      await page.getByTestId('blocked-chart').locator('canvas').waitFor();
      const pending = await directFrontier();
      for (const h of pending) {
        const row = page.getByTestId(`frontier-${h.host}`);
        await row.getByTestId('pending').filter({ hasText: exactly(String(h.pending)) }).waitFor({ timeout: 20_000 });
        assert.deepEqual(
          await Promise.all(['requests', 'urls', 'retries', 'deepest'].map(async (id) => row.getByTestId(id).innerText())),
          [h.requests, h.urls, h.retries, h.deepest].map(String),
          h.host,
        );
      }
      await assertShownPanels(page, crawlDashboard);
      await shoot(page, 'crawl');

      // A page of the calm host blocked once, then given up.
      await insert(EVENT_TABLES.crawlOutcomes, [outcomeRow({ at: T0 + 2 * HOUR, host: 'calm.example', outcome: 'gave-up', blocked: 1 }, 99)]);
      const calm = (await direct()).find((h) => h.host === 'calm.example');
      assert.deepEqual(calm && [calm.blocked, calm.failed], [1, 2]);
      await page.getByTestId('host-calm.example').getByTestId('blocked').filter({ hasText: exactly('1') }).waitFor({ timeout: 20_000 });
      assert.equal(await page.getByTestId('host-calm.example').getByTestId('failed').innerText(), '2');

      // The calm host's pending page finished: no longer pending.
      const calmPending = pending.find((h) => h.host === 'calm.example')?.pending ?? 0;
      assert.ok(calmPending > 0, 'the calm host has a page pending');
      const [waiting] = await engine.rows<{ url: string }>(`SELECT url FROM ${EVENT_TABLES.crawlRequests} WHERE host = 'calm.example' AND (job, url) NOT IN (SELECT job, url FROM ${EVENT_TABLES.crawlOutcomes}) ORDER BY url LIMIT 1`);
      await insert(EVENT_TABLES.crawlOutcomes, [{ ...outcomeRow({ at: T0 + 3 * HOUR, host: 'calm.example', outcome: 'fetched', blocked: 0 }, 98), url: waiting?.url }]);
      await page.getByTestId('frontier-calm.example').getByTestId('pending').filter({ hasText: exactly(String(calmPending - 1)) }).waitFor({ timeout: 20_000 });
    });
  });

  it('shows each page\'s empty state for a range without events', async () => {
    const empty = new URLSearchParams({ from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' }).toString();
    await open(`products?${empty}`, (page) => page.getByText('No listings in').waitFor());
    await open(`movers?${empty}`, (page) => page.getByText('No rank or price moved in').waitFor());
    await open(`asins/B001?${empty}`, (page) => page.getByText('Nothing observed of B001').waitFor());
    await open(`crawl?${empty}`, (page) => page.getByText('No crawl request written or finished in').waitFor());
  });
});
