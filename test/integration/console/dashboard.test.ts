import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { salesDashboard } from '../../../console/server/sales-dashboard.ts';
import { clientSqlEngine } from '../../../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../../../infra/clickhouse/create-clickhouse-client.ts';
import { sql } from '../../../infra/clickhouse/sql-literal.ts';
import { applyKpiSchema } from '../../../sinks/clickhouse/kpi-schema-migrations.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { enrichedOrderRow, T0, type SampleOrder } from '../../support/kpi-sample-events.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { TcpOutageProxy } from '../../support/tcp-outage-proxy.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertShownPanels } from './shown-panels.ts';

const database = uniqueName('it_console_sales');
const base = loadConfig({ ...process.env, SHELFSTREAM_CLICKHOUSE_DATABASE: database });
const FROM = '2024-03-10T10:00:00Z';
const TO = '2024-03-10T11:00:00Z';
const CATEGORIES = ['Books', 'Garden', 'Toys'];
const SHOTS = repoPath('test-output/console');
const GRACE_MS = 5 * 60_000;
/** 2024-03-11 10:00 UTC: the late-record scenario's hour, a day after the rest. */
const T1 = T0 + 24 * 3_600_000;

/**
 * `count` orders within the hour from T0 (a seeded spread, busier late in the hour), three categories,
 * two countries, in USD; in event-time order, as a stream mostly arrives (offsets follow the order).
 */
function orders(first: number, count: number): Record<string, unknown>[] {
  const random = seededRandom(first + 1);
  const drawn = Array.from({ length: count }, () => {
    const minute = Math.min(59, Math.floor(60 * Math.sqrt(random.next())));
    const order: SampleOrder = {
      at: T0 + minute * 60_000 + random.int(0, 59) * 1000,
      category: random.chance(0.5) ? 'Books' : random.pick(['Toys', 'Garden']),
      country: random.pick(['US', 'UK']),
      currency: 'USD',
      payment: 'Card',
      customer: `C${random.int(1, 40)}`,
      quantity: random.int(1, 3),
      revenue: Math.round(random.logNormal(8, 0.6)),
      status: 'DELIVERED',
    };
    return order;
  });
  return drawn.sort((a, b) => a.at - b.at).map((order, n) => enrichedOrderRow(order, first + n));
}

describe('the Sales dashboard in Chromium against the local ClickHouse', () => {
  const admin = createClickHouseClient(base);
  const engine = clientSqlEngine(createClickHouseClient(base, database));
  let proxy: TcpOutageProxy;
  let server: ConsoleServer;
  let browser: Browser;

  const insert = (rows: readonly Record<string, unknown>[]) => engine.execute(`INSERT INTO orders_enriched FORMAT JSONEachRow\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);

  /** The same figures straight from the enriched orders, not through the KPI tables the page reads. */
  async function direct(category: string): Promise<{ orders: number; revenue: number; customers: number }> {
    const [row] = await engine.rows<{ orders: number; revenue: number; customers: number }>(sql`
      SELECT count() AS orders, sum(revenue_minor) AS revenue, uniqExact(customer_id) AS customers FROM orders_enriched
      WHERE category = ${category} AND event_time >= toDateTime(${Date.parse(FROM) / 1000}, 'UTC') AND event_time < toDateTime(${Date.parse(TO) / 1000}, 'UTC')`);
    assert.ok(row !== undefined);
    return row;
  }

  before(async () => {
    await prepareConsoleTest(SHOTS);
    await applyKpiSchema(base);
    await insert(orders(0, 600));
    const target = new URL(base.clickhouse.url);
    proxy = await TcpOutageProxy.start({ host: target.hostname, port: Number(target.port) });
    server = await startConsoleServer(
      loadConfig({
        ...process.env,
        SHELFSTREAM_CONSOLE_PORT: '0',
        SHELFSTREAM_CONSOLE_HOST: '127.0.0.1',
        SHELFSTREAM_CLICKHOUSE_URL: `http://127.0.0.1:${proxy.port}`,
        SHELFSTREAM_CLICKHOUSE_DATABASE: database,
        SHELFSTREAM_CONSOLE_WINDOW_GRACE_MS: String(GRACE_MS),
      }),
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.close();
    await proxy.stop();
    await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
    await admin.close();
  });

  const open = (hash: string, run: (page: Page) => Promise<void>) => inPage(browser, `${server.url}/#/${hash}`, run);

  const view = (filters: Record<string, string> = {}) => `sales?${new URLSearchParams({ from: FROM, to: TO, ...filters }).toString()}`;
  const figure = (page: Page, testId: string) => page.getByTestId('totals-USD').getByTestId(testId);
  const waitForText = (page: Page, testId: string, text: string) =>
    figure(page, testId).filter({ hasText: new RegExp(`^${text.replace(/[$.]/g, '\\$&')}$`) }).waitFor({ timeout: 20_000 });

  it('shows every category with its charts, the range and filters in the URL', async () => {
    await open(view(), async (page) => {
      await page.getByTestId('revenue-chart').locator('canvas').waitFor();
      await page.getByTestId('orders-chart').locator('canvas').waitFor();
      assert.equal(await figure(page, 'orders').innerText(), '600');
      const labels = await page.getByTestId('orders-chart').locator('.u-legend .u-label').allInnerTexts();
      assert.deepEqual(labels.filter((l) => CATEGORIES.includes(l)).sort(), [...CATEGORIES].sort());
      await assertShownPanels(page, salesDashboard);
      // Written under test-output; the README's copy (a tracked file) only when asked.
      await page.screenshot({ path: `${SHOTS}/sales.png`, fullPage: true });
      if (process.env.SHELFSTREAM_UPDATE_SCREENSHOTS === '1') await copyFile(`${SHOTS}/sales.png`, repoPath('docs/screenshots/console-sales.png'));
    });
  });

  it('marks every figure open, in grace or final against the latest event time and the grace', async () => {
    const [latest] = await engine.rows<{ w: number }>('SELECT max(kafka_timestamp) AS w FROM orders_enriched');
    assert.ok(latest !== undefined);
    // Ranges ending well before the latest event less the grace, within the grace, and after it.
    const ends = { final: latest.w - GRACE_MS - 60_000, grace: latest.w - 60_000, open: latest.w + 60_000 };
    for (const [state, endMs] of Object.entries(ends)) {
      const to = new Date(Math.floor(endMs / 60_000) * 60_000).toISOString();
      await open(`sales?${new URLSearchParams({ from: FROM, to }).toString()}`, async (page) => {
        const marks = figure(page, 'orders').locator('xpath=..').getByTestId('window-state');
        await marks.waitFor();
        assert.equal(await marks.getAttribute('data-state'), state, `range to ${to}`);
        assert.equal(await page.getByTestId('totals-USD').getByTestId('window-state').count(), 4);
      });
    }
  });

  it("shows a category's figures as ClickHouse computes them, and new orders without a reload", async () => {
    await open(view({ category: 'Books' }), async (page) => {
      const before = await direct('Books');
      await waitForText(page, 'orders', String(before.orders));
      assert.equal(await figure(page, 'revenue').innerText(), `$${(before.revenue / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
      assert.equal(await figure(page, 'customers').innerText(), String(before.customers));
      assert.equal(await page.getByTestId('filter-category').inputValue(), 'Books');

      const more = orders(600, 30);
      const books = more.filter((r) => r.category === 'Books').length;
      assert.ok(books > 0);
      await insert(more);
      const later = await direct('Books');
      assert.equal(later.orders, before.orders + books);
      await waitForText(page, 'orders', String(later.orders));
      assert.equal(await figure(page, 'revenue').innerText(), `$${(later.revenue / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    });
  });

  it('marks as corrected the minutes that a record entered after the watermark had passed their end + grace', async () => {
    // By brute force over the rows in offset order: the highest event time before each one.
    const rows = await engine.rows<{ p: number; t: number }>('SELECT kafka_partition AS p, kafka_timestamp AS t FROM orders_enriched ORDER BY kafka_partition, kafka_offset');
    const highest = new Map<number, number>();
    const corrected = new Set<number>();
    for (const { p, t } of rows) {
      const end = Math.floor(t / 60_000) * 60_000 + 60_000;
      if ((highest.get(p) ?? -Infinity) >= end + GRACE_MS && t >= Date.parse(FROM) && t < Date.parse(TO)) corrected.add(end - 60_000);
      highest.set(p, Math.max(highest.get(p) ?? t, t));
    }
    // The 30 orders added after the first 600 fall anywhere in the hour: some minutes were final already.
    assert.ok(corrected.size > 0);
    await open(view(), async (page) => {
      const text = await page.getByTestId('corrections').innerText();
      const first = [...corrected].sort((a, b) => a - b).slice(0, 6).map((ms) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} (USD)`);
      assert.ok(text.startsWith(`${corrected.size} minute windows corrected by late records after they were final: ${first.join(', ')}`), text);
      assert.equal(await figure(page, 'orders').locator('xpath=..').getByTestId('window-corrected').count(), 1);
    });
  });

  it('names SHELFSTREAM_CLICKHOUSE_URL while ClickHouse is down, and recovers when it returns', async () => {
    await open(view({ category: 'Toys' }), async (page) => {
      const toys = await direct('Toys');
      await waitForText(page, 'orders', String(toys.orders));
      await proxy.cut();
      const panel = page.getByTestId('error-panel');
      await panel.waitFor({ timeout: 20_000 });
      assert.match(await panel.innerText(), /ClickHouse[\s\S]*SHELFSTREAM_CLICKHOUSE_URL/);
      await proxy.restore();
      await waitForText(page, 'orders', String(toys.orders));
      assert.equal(await panel.count(), 0);
    });
  });

  it('shows the empty state for a range without orders', async () => {
    await open(`sales?${new URLSearchParams({ from: '2020-01-01T00:00:00Z', to: '2020-01-01T01:00:00Z' }).toString()}`, async (page) => {
      await page.getByText('No orders in').waitFor();
    });
  });

  it('marks a figure a late record changed after its window was final, without a reload', async () => {
    const order = (at: number, customer: string): SampleOrder => ({ at, category: 'Books', country: 'US', currency: 'EUR', payment: 'Card', customer, quantity: 1, revenue: 1000, status: 'DELIVERED' });
    // In time order, one a minute for 20 minutes: the watermark reaches 10:19, nothing is late.
    await insert(Array.from({ length: 20 }, (_, m) => enrichedOrderRow(order(T1 + m * 60_000, `L${m}`), 10_000 + m)));
    const late = `sales?${new URLSearchParams({ from: new Date(T1).toISOString(), to: new Date(T1 + 3_600_000).toISOString() }).toString()}`;
    await open(late, async (page) => {
      const totals = page.getByTestId('totals-EUR');
      await totals.getByTestId('orders').filter({ hasText: /^20$/ }).waitFor({ timeout: 20_000 });
      assert.equal(await totals.getByTestId('window-corrected').count(), 0);
      assert.equal(await page.getByTestId('corrections').count(), 0);
      // 10:02 is final (10:03 + 5 min < 10:19); 10:17 is still in its grace (10:18 + 5 min > 10:19).
      await insert([enrichedOrderRow(order(T1 + 2 * 60_000 + 30_000, 'LATE1'), 10_100), enrichedOrderRow(order(T1 + 17 * 60_000 + 30_000, 'LATE2'), 10_101)]);
      await totals.getByTestId('orders').filter({ hasText: /^22$/ }).waitFor({ timeout: 20_000 });
      await page.getByTestId('corrections').waitFor();
      assert.equal(await page.getByTestId('corrections').innerText(), '1 minute window corrected by late records after it was final: 2024-03-11 10:02 (EUR)');
      assert.equal(await totals.getByTestId('window-corrected').count(), 4);
      await page.screenshot({ path: `${SHOTS}/sales-late.png`, fullPage: true });
    });
  });
});
