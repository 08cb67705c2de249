import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { startMetricsServer, type MetricsServer } from '../../../runtime/metrics/metrics-server.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { inMemoryStack, until } from '../../support/in-memory-stack.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { orderStream } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { repoPath } from '../../support/repo-path.ts';
import { startRunner, throwIfFatal, type RunnerUnderTest } from '../../support/runner-under-test.ts';

const ORDERS = { topic: 'orders', partitions: 3 };
const SHOTS = repoPath('test-output/console');

const consoleConfig = (urls: string) =>
  loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1', SHELFSTREAM_CONSOLE_TOPOLOGY_URLS: urls });

describe('the console\'s Topology page in Chromium, following a running member', () => {
  const stack = inMemoryStack();
  const topology = orderRevenueTopology({ applicationId: 'revenue', orders: ORDERS, outputTopic: 'revenue.by-minute', serde: stack.serde });
  const stream = orderStream(300, 'ORD', Date.UTC(2024, 0, 15, 10, 0, 0), 10, 2_000, ['USD', 'EUR']);
  let started: RunnerUnderTest;
  let metrics: MetricsServer;
  let console: ConsoleServer;
  let unconfigured: ConsoleServer;
  let browser: Browser;

  before(async () => {
    await prepareConsoleTest(SHOTS);

    const admin = await stack.driver.admin();
    await admin.createTopics([ORDERS]);
    await produceOrders(stack.driver, stack.serde, ORDERS.topic, stream);
    started = await startRunner(topology, stack.driver);
    metrics = await startMetricsServer(started.runner.metrics.registry, 0, '127.0.0.1', () => topology.describe());
    await until('every order through the first step', () => {
      throwIfFatal(started);
      const committed = Array.from({ length: ORDERS.partitions }, (_, partition) => Number(stack.cluster.committedOffset('revenue', { topic: ORDERS.topic, partition }) ?? '0'));
      return committed.reduce((a, b) => a + b, 0) === stream.length;
    }, 60_000);
    console = await startConsoleServer(consoleConfig(metrics.url));
    unconfigured = await startConsoleServer(consoleConfig(''));
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await Promise.all([console.close(), unconfigured.close(), metrics.close()]);
    await started.runner.stop();
  });

  it('draws every step of describe() with the record counts of the member\'s metrics, and its partitions', async () => {
    const description = topology.describe();
    const operators = description.nodes.filter((n) => n.kind === 'operator');
    assert.ok(operators.length > 0);
    await inPage(browser, `${console.url}/#/topology`, async (page) => {
      const graph = page.getByTestId('topology');
      await graph.waitFor();
      const labels = await graph.getByTestId('node-label').allTextContents();
      for (const node of operators) assert.ok(labels.includes(node.label), `step ${node.label} is drawn (got ${labels.join(', ')})`);
      for (const node of operators) {
        const [sub = '', step = ''] = node.id.split('/');
        const expected = await started.runner.metrics.total('stepRecords', { sub_topology: sub, step, direction: 'in' });
        const shown = await page.locator(`g[data-node="${node.id}"] [data-testid="records-in"]`).textContent();
        assert.equal(Number(shown?.replaceAll(',', '')), expected, `records in of ${node.id}`);
      }
      const first = operators[0];
      assert.ok(first !== undefined);
      assert.equal(await started.runner.metrics.total('stepRecords', { sub_topology: first.id.split('/')[0] ?? '', step: first.label, direction: 'in' }), stream.length);
      const partitions = await page.getByTestId('partitions').locator('tbody tr').count();
      assert.ok(partitions >= ORDERS.partitions, `${partitions} partition rows`);
      await page.screenshot({ path: `${SHOTS}/topology.png`, fullPage: true });
    });
  });

  it('names the setting when no member is configured', async () => {
    await inPage(browser, `${unconfigured.url}/#/topology`, async (page) => {
      const empty = page.getByTestId('topology-empty');
      await empty.waitFor();
      assert.match(await empty.innerText(), /SHELFSTREAM_CONSOLE_TOPOLOGY_URLS/);
      await page.screenshot({ path: `${SHOTS}/topology-empty.png`, fullPage: true });
    });
  });
});
