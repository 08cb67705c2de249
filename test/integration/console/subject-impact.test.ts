import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser } from 'playwright-core';
import { Registry } from 'prom-client';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { salesDashboard } from '../../../console/server/sales-dashboard.ts';
import { startMetricsServer, type MetricsServer } from '../../../runtime/metrics/metrics-server.ts';
import type { Topology } from '../../../runtime/topology.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { salesPipelineTopology, salesSilverTable } from '../../../topology/sales-pipeline-topology.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { callRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const registryUrl = base.schemaRegistry.url;
const name = uniqueName('it-console-impact');
// Application ids take lowercase letters, digits and dashes only.
const app = name.replaceAll('_', '-');
const topic = `${name}.orders`;
const subject = `${topic}-value`;
const moneySubject = `${name}.money`;
const SHOTS = repoPath('test-output/console');

const money = { type: 'record', name: 'Money', namespace: 'com.shelfstream.test', fields: [{ name: 'amount_minor', type: 'long' }, { name: 'currency', type: 'string' }] };
const order = { type: 'record', name: 'ImpactOrder', namespace: 'com.shelfstream.test', fields: [{ name: 'order_id', type: 'string' }, { name: 'total', type: 'com.shelfstream.test.Money' }] };

const kafka = new Kafka({ clientId: 'shelfstream-tests', brokers: [...base.kafka.brokers], logLevel: logLevel.NOTHING });

/** A running member as the console sees one: its describe() at /topology (no records flow: impact reads only the graph). */
async function member(topology: Topology): Promise<MetricsServer> {
  return startMetricsServer(new Registry(), 0, '127.0.0.1', () => topology.describe());
}

describe('the console\'s references and Impact panel in Chromium, against two running topologies reading the orders topic', () => {
  const serde = new AvroSerde(new HttpSchemaRegistryClient({ url: registryUrl }), { autoRegister: false });
  const revenue = orderRevenueTopology({ applicationId: `${app}-revenue`, orders: { topic, partitions: 2 }, outputTopic: `${name}.revenue`, serde });
  const sales = salesPipelineTopology({ applicationId: `${app}-sales`, orders: { topic, partitions: 2 }, enrichedTopic: `${name}.enriched`, serde, config: base });
  let members: MetricsServer[];
  let browser: Browser;
  let console: ConsoleServer;

  before(async () => {
    await prepareConsoleTest(SHOTS);
    const moneyAnswer = await callRegistry(registryUrl, 'POST', `/subjects/${encodeURIComponent(moneySubject)}/versions`, { schema: JSON.stringify(money) });
    assert.equal(moneyAnswer.status, 200, JSON.stringify(moneyAnswer.body));
    const orderAnswer = await callRegistry(registryUrl, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
      schema: JSON.stringify(order),
      references: [{ name: 'com.shelfstream.test.Money', subject: moneySubject, version: 1 }],
    });
    assert.equal(orderAnswer.status, 200, JSON.stringify(orderAnswer.body));
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    members = await Promise.all([member(revenue), member(sales)]);
    console = await startConsoleServer(
      loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1', SHELFSTREAM_CONSOLE_TOPOLOGY_URLS: members.map((m) => m.url).join(',') }),
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await Promise.all([console.close(), ...members.map(async (m) => m.close())]);
    // The sales pipeline's ClickHouse client closes with its tables.
    await Promise.all(sales.tables.map(async (t) => t.stop()));
    for (const s of [subject, moneySubject]) {
      await callRegistry(registryUrl, 'DELETE', `/subjects/${encodeURIComponent(s)}`);
      await callRegistry(registryUrl, 'DELETE', `/subjects/${encodeURIComponent(s)}?permanent=true`);
    }
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('shows a version\'s references, and the referenced version the subjects referencing it', async () => {
    await inPage(browser, `${console.url}/#/subjects/${encodeURIComponent(subject)}`, async (page) => {
      const out = page.getByTestId('references-out');
      await out.waitFor();
      assert.match(await out.innerText(), new RegExp(`com\\.shelfstream\\.test\\.Money → ${moneySubject.replaceAll('.', '\\.')} v1`));
    });
    await inPage(browser, `${console.url}/#/subjects/${encodeURIComponent(moneySubject)}`, async (page) => {
      const by = page.getByTestId('referenced-by');
      await by.waitFor();
      assert.equal(await by.innerText(), `${subject} v1`);
      assert.equal(await by.locator(`a[href="#/subjects/${encodeURIComponent(subject)}?version=1"]`).count(), 1);
    });
  });

  it('shows the topic, the steps decoding it, the tables and the dashboard panels that depend on the orders subject', async () => {
    await inPage(browser, `${console.url}/#/subjects/${encodeURIComponent(subject)}`, async (page) => {
      const steps = page.getByTestId('impact-steps');
      await steps.locator('li').first().waitFor();
      const topics = await page.getByTestId('impact-topics').innerText();
      assert.match(topics, new RegExp(`^${topic.replaceAll('.', '\\.')} · ${subject.replaceAll('.', '\\.')}$`, 'm'));
      assert.match(topics, new RegExp(`${name}\\.enriched.*written from ${topic.replaceAll('.', '\\.')}`));
      const decoding = await steps.locator('li', { has: page.locator('.badge', { hasText: 'decodes' }) }).allInnerTexts();
      assert.deepEqual(
        decoding.map((t) => t.split(' · reads')[0]?.replace(/decodes$/, '').trim()).sort(),
        [`${app}-revenue · rekey-orders/decode-orders`, `${app}-sales · enrich-orders/decode-orders`],
      );
      const stepText = await steps.innerText();
      for (const step of ['rekey-orders/validate-orders', 'enrich-orders/deduplicate-orders', 'load-orders-silver/decode-silver-orders']) assert.match(stepText, new RegExp(step));
      const tables = await page.getByTestId('impact-tables').innerText();
      const silver = salesSilverTable({ applicationId: `${app}-sales` });
      for (const table of ['ClickHouse orders_raw', 'ClickHouse orders_enriched', `Iceberg ${silver.namespace.join('.')}.${silver.name}`]) assert.ok(tables.includes(table), `${table} in ${tables}`);
      // Every Sales panel reads the enriched orders the sales pipeline loads; no catalog page does.
      const panels = await page.getByTestId('impact-panels').locator('li').allInnerTexts();
      assert.deepEqual(panels.filter((p) => p.startsWith('Sales')).sort(), salesDashboard.panels.map((p) => `Sales · ${p.title} · from orders_enriched`).sort());
      assert.equal(panels.length, salesDashboard.panels.length, panels.join('\n'));
      await page.getByTestId('impact').screenshot({ path: `${SHOTS}/subject-impact.png` });
      if (process.env.SHELFSTREAM_UPDATE_SCREENSHOTS === '1') await copyFile(`${SHOTS}/subject-impact.png`, repoPath('docs/screenshots/console-subject-impact.png'));
    });
  });
});
