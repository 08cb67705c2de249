import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../console/server/console-server.ts';
import { ORDER_SINKS, type MainJobReconciliation } from '../../sinks/reconcile/reconciliation-results.ts';
import { launchChromium } from '../../sources/crawler/launch-chromium.ts';
import { freePort } from './free-port.ts';
import { inPage } from './in-page.ts';
import { prepareConsoleTest } from './prepare-console-test.ts';
import { repoPath } from './repo-path.ts';

const SHOTS = repoPath('test-output/console');
const n = (value: number): string => value.toLocaleString('en-US');
const flag = (differs: boolean): string => (differs ? 'differs' : '');

/** A reconciliation as the page's tables should show it: each row's cells, tab-separated, a differing row's first cell flagged. */
function expectedTables(result: MainJobReconciliation): Record<string, string[]> {
  const row = (...cells: (string | number)[]) => cells.map((c) => (typeof c === 'number' ? n(c) : c)).join('\t');
  return {
    'sales-partitions': result.sales.partitions.map((p) => row(`${p.partition}${flag(p.differences.length > 0)}`, p.sourceEvents, p.sourceOrders, ...ORDER_SINKS.map((s) => p.sinks[s]))),
    'sales-days': result.sales.days.map((d) => row(`${d.day}${flag(d.differs)}`, d.enriched, d.silver, d.gold, d.clickhouseKpis)),
    'market-loads': result.market.partitions.map((p) => row(`${p.sink}${flag(p.missing.length + p.doubled.length + p.strays.length > 0)}`, p.topic, String(p.partition), p.records, p.expected, p.rows)),
    'gold-tables': result.gold.map((g) => row(`${g.table}${flag(g.differs)}`, g.topic, g.windows, g.rows)),
  };
}

/**
 * The console's Reconcile page over one main job, in one Chromium session: a console on the job's
 * settings, and one whose ClickHouse does not answer, for the error state.
 */
export class ReconcilePageSession {
  readonly #browser: Browser;
  readonly #console: ConsoleServer;
  readonly #clickhouseDown: ConsoleServer;

  private constructor(browser: Browser, served: ConsoleServer, clickhouseDown: ConsoleServer) {
    this.#browser = browser;
    this.#console = served;
    this.#clickhouseDown = clickhouseDown;
  }

  static async open(config: ShelfstreamConfig): Promise<ReconcilePageSession> {
    await prepareConsoleTest(SHOTS);
    const consoleConfig = (c: ShelfstreamConfig): ShelfstreamConfig => ({ ...c, console: { ...c.console, host: '127.0.0.1', port: 0 } });
    const served = await startConsoleServer(consoleConfig(config));
    const clickhouseDown = await startConsoleServer(consoleConfig({ ...config, clickhouse: { ...config.clickhouse, url: `http://127.0.0.1:${await freePort()}` } }));
    return new ReconcilePageSession(await launchChromium(), served, clickhouseDown);
  }

  /**
   * Reconciles `prefix` on the page and checks that every table shows `result`'s numbers with the
   * differing rows flagged; returns the differences the page lists, and writes its screenshot (the
   * README's too, with `readme`, when SHELFSTREAM_UPDATE_SCREENSHOTS=1).
   */
  async shows(prefix: string, result: MainJobReconciliation, shot: string, { readme = false } = {}): Promise<string[]> {
    let differences: string[] = [];
    await inPage(this.#browser, `${this.#console.url}/#/reconcile?prefix=${encodeURIComponent(prefix)}`, async (page) => {
      await reconcile(page);
      assert.equal(await page.getByTestId('error-panel').count(), 0, 'the reconciliation failed on the page');
      const verdict = await page.getByTestId('verdict').innerText();
      assert.match(verdict, result.differs ? /^Differences found/ : /^No difference/);
      for (const [testId, rows] of Object.entries(expectedTables(result))) {
        assert.deepEqual(await page.getByTestId(testId).locator('tbody tr').allInnerTexts(), rows, testId);
      }
      differences = await page.locator('ul.differences li').allInnerTexts();
      await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
      if (readme && process.env.SHELFSTREAM_UPDATE_SCREENSHOTS === '1') await copyFile(`${SHOTS}/${shot}.png`, repoPath(`docs/screenshots/console-${shot}.png`));
    });
    return differences;
  }

  /** A prefix typed on the page that no main job ran under: the empty state, and the prefix kept in the URL. */
  async showsNoMainJob(prefix: string): Promise<void> {
    await inPage(this.#browser, `${this.#console.url}/#/reconcile`, async (page) => {
      await page.getByLabel('prefix').fill(prefix);
      await reconcile(page);
      assert.match(await page.getByTestId('no-main-job').innerText(), new RegExp(`No main job under the prefix ${prefix}: Kafka lacks \\d+ of the \\d+ topics`));
      assert.ok(page.url().endsWith(`#/reconcile?prefix=${prefix}`), page.url());
    });
  }

  /** The console whose ClickHouse does not answer: an error panel naming the setting to check. */
  async showsClickHouseDown(prefix: string): Promise<void> {
    // Not inPage: the browser logs the API's 502 as a console error.
    const page = await this.#browser.newPage({ viewport: { width: 1360, height: 700 } });
    try {
      await page.goto(`${this.#clickhouseDown.url}/#/reconcile?prefix=${encodeURIComponent(prefix)}`);
      await page.getByRole('button', { name: 'Reconcile' }).click();
      const text = await page.getByTestId('error-panel').innerText();
      assert.match(text, /ClickHouse is not reachable/);
      assert.match(text, /SHELFSTREAM_CLICKHOUSE_URL/);
      await page.screenshot({ path: `${SHOTS}/reconcile-clickhouse-down.png`, fullPage: true });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.#browser.close();
    await Promise.all([this.#console.close(), this.#clickhouseDown.close()]);
  }
}

/** Presses Reconcile and waits for its answer, however long reading the topics takes. */
async function reconcile(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Reconcile' }).click();
  await page.locator('[data-testid=verdict], [data-testid=no-main-job], [data-testid=error-panel]').first().waitFor({ timeout: 300_000 });
}
