import assert from 'node:assert/strict';
import { copyFile, mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { parseAvroSchema } from '../../../schemas/avro-schema.ts';
import { deadLetterRecord } from '../../../schemas/dead-letter/dead-letter-record.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { freePort } from '../../support/free-port.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { callRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const registryUrl = base.schemaRegistry.url;
const name = uniqueName('it-console');
const topic = `${name}.orders`;
const deadLetters = `${topic}.dead-letter`;
const subject = `${topic}-value`;
const SHOTS = repoPath('test-output/console');

const field = (fieldName: string, type: unknown, doc: string, extra: object = {}) => ({ name: fieldName, type, doc, ...extra });
const v1 = {
  type: 'record',
  name: 'ConsoleOrder',
  namespace: 'com.shelfstream.test',
  doc: 'an order the console test writes',
  fields: [field('order_id', 'string', 'order id'), field('total_minor', 'long', 'total in minor units')],
};
const v2 = { ...v1, fields: [...v1.fields, field('coupon', ['null', 'string'], 'coupon code, when one was used', { default: null })] };
// A field without a default cannot be read from older records: BACKWARD refuses it.
const incompatible = { ...v2, fields: [...v2.fields, field('warehouse', 'string', 'shipping warehouse')] };

const kafka = new Kafka({ clientId: 'shelfstream-tests', brokers: [...base.kafka.brokers], logLevel: logLevel.NOTHING });

function consoleConfig(env: Record<string, string>) {
  return loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1', ...env });
}

describe('the web console in Chromium against the local stack', () => {
  let browser: Browser;
  let console: ConsoleServer;
  let readOnly: ConsoleServer;
  let registryDown: ConsoleServer;

  before(async () => {
    await prepareConsoleTest(SHOTS);

    for (const schema of [v1, v2]) {
      const registered = await callRegistry(registryUrl, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });
      assert.equal(registered.status, 200, JSON.stringify(registered.body));
    }
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }, { topic: deadLetters, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const serde = new AvroSerde(new HttpSchemaRegistryClient({ url: registryUrl }), { autoRegister: false });
    const schema = parseAvroSchema(JSON.stringify(v2));
    const producer = kafka.producer();
    await producer.connect();
    const orders = [
      { order_id: 'console-order-1', total_minor: 1999, coupon: null },
      { order_id: 'console-order-2', total_minor: 4500, coupon: 'SPRING10' },
      { order_id: 'console-order-3', total_minor: 120, coupon: null },
    ];
    await producer.send({
      topic,
      messages: await Promise.all(
        orders.map(async (o) => ({ key: o.order_id, value: await serde.serialize(subject, schema, o), headers: { source: 'console-test' } })),
      ),
    });
    const letter = deadLetterRecord(
      { key: Buffer.from('console-order-4'), value: Buffer.from('not avro at all') },
      { code: 'WIRE_FORMAT_BAD_MAGIC_BYTE', message: 'first byte is 0x6e, not 0x00', step: 'decode-orders' },
      { topic, partition: 1, offset: '7' },
    );
    await producer.send({ topic: deadLetters, messages: [{ key: letter.key, value: letter.value, headers: letter.headers as Record<string, string> }] });
    await producer.disconnect();

    console = await startConsoleServer(consoleConfig({}));
    readOnly = await startConsoleServer(consoleConfig({ SHELFSTREAM_CONSOLE_READ_ONLY: 'true' }));
    registryDown = await startConsoleServer(consoleConfig({ SHELFSTREAM_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${await freePort()}` }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await Promise.all([console.close(), readOnly.close(), registryDown.close()]);
    await callRegistry(registryUrl, 'DELETE', `/subjects/${encodeURIComponent(subject)}`);
    await callRegistry(registryUrl, 'DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetters] });
    await admin.disconnect();
  });

  /** Opens a page of a console, screenshots it, and fails the test on any error the page logs or throws. */
  async function open(server: ConsoleServer, hash: string, run: (page: Page) => Promise<void>, shot: string): Promise<void> {
    await inPage(browser, `${server.url}/#/${hash}`, async (page) => {
      await run(page);
      await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
    });
  }

  it('lists the subject registered by another client, with its record name', async () => {
    await open(console, `subjects?q=${encodeURIComponent(name)}`, async (page) => {
      const row = page.getByTestId('subjects').locator('tr', { hasText: subject });
      await row.waitFor();
      assert.match(await row.innerText(), /com\.shelfstream\.test\.ConsoleOrder/);
    }, 'subjects');
  });

  it('shows the version history and a version as fields with type, default and doc', async () => {
    await open(console, `subjects/${encodeURIComponent(subject)}`, async (page) => {
      await page.getByTestId('fields').waitFor();
      assert.equal(await page.getByTestId('versions').locator('li').count(), 2);
      const coupon = await page.getByTestId('fields').locator('tr', { hasText: 'coupon' }).innerText();
      assert.match(coupon, /null \| string/);
      assert.match(coupon, /coupon code, when one was used/);
    }, 'subject');
  });

  it('diffs two versions with the added field highlighted', async () => {
    await open(console, `subjects/${encodeURIComponent(subject)}/diff?from=1&to=2`, async (page) => {
      const added = page.getByTestId('changes').locator('tr.added');
      await added.waitFor();
      assert.match(await added.innerText(), /coupon/);
      assert.equal(await page.locator('.side-by-side tr.added', { hasText: 'coupon' }).count(), 1);
    }, 'diff');
  });

  it('refuses an incompatible schema with the registry\'s reason, and changes the subject\'s level', async () => {
    await open(console, `subjects/${encodeURIComponent(subject)}`, async (page) => {
      await page.getByLabel('new schema').fill(JSON.stringify(incompatible, null, 2));
      await page.getByRole('button', { name: 'Test compatibility' }).click();
      const verdict = page.getByTestId('verdict');
      await verdict.waitFor();
      const text = await verdict.innerText();
      assert.match(text, /Incompatible/);
      assert.match(text, /warehouse/);
      await page.screenshot({ path: `${SHOTS}/compatibility-refused.png`, fullPage: true });
      await page.getByLabel('new compatibility (global)').selectOption('FULL');
      await page.getByRole('button', { name: 'Change' }).click();
      await page.getByText('Compatibility (this subject)').waitFor();
      assert.equal(await page.getByTestId('compatibility-level').innerText(), 'FULL');
    }, 'subject-level-changed');
    const level = await callRegistry(registryUrl, 'GET', `/config/${encodeURIComponent(subject)}`);
    assert.deepEqual(level.body, { compatibilityLevel: 'FULL' });
  });

  it('lists the topics with partitions and offsets', async () => {
    await open(console, 'topics', async (page) => {
      const row = page.getByTestId('topics').locator('tr', { hasText: topic }).first();
      await row.waitFor();
      assert.match(await row.innerText(), /\t2\t3\t0: 0→\d+\s+1: 0→\d+/);
    }, 'topics');
  });

  it('shows the topic\'s latest records decoded, linked to their subject', async () => {
    await open(console, `topics/${encodeURIComponent(topic)}`, async (page) => {
      const table = page.getByTestId('messages');
      await table.waitFor();
      const text = await table.innerText();
      for (const id of ['console-order-1', 'console-order-2', 'console-order-3']) assert.match(text, new RegExp(`"order_id": "${id}"`));
      assert.match(text, /"coupon": "SPRING10"/);
      assert.match(text, /source: console-test/);
      assert.equal(await table.locator(`a[href^="#/subjects/${encodeURIComponent(subject)}"]`).count(), 3);
    }, 'topic-messages');
  });

  it('shows each dead letter\'s reason and origin', async () => {
    await open(console, `dead-letters/${encodeURIComponent(deadLetters)}`, async (page) => {
      const reason = page.getByTestId('dead-letter-reason').first();
      await reason.waitFor();
      const text = await reason.innerText();
      assert.match(text, /WIRE_FORMAT_BAD_MAGIC_BYTE/);
      assert.match(text, /first byte is 0x6e/);
      assert.match(text, /decode-orders/);
      assert.match(text, new RegExp(`from ${topic.replaceAll('.', '\\.')}/1@7`));
    }, 'dead-letters');
  });

  it('has no write control in read-only mode, and its API refuses changes', async () => {
    for (const [hash, shot] of [[`subjects?q=${encodeURIComponent(name)}`, 'read-only-subjects'], [`subjects/${encodeURIComponent(subject)}`, 'read-only-subject']] as const) {
      await open(readOnly, hash, async (page) => {
        await page.getByTestId('compatibility-level').waitFor();
        await page.getByTestId('read-only').waitFor();
        assert.equal(await page.locator('[data-write-control]').count(), 0);
        assert.equal(await page.getByRole('button', { name: 'Change' }).count(), 0);
      }, shot);
    }
    const refused = await fetch(`${readOnly.url}/api/compatibility`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"compatibility":"NONE"}' });
    assert.equal(refused.status, 403);
  });

  it('shows a clear error panel when the registry is down', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 700 } });
    try {
      await page.goto(`${registryDown.url}/#/subjects`);
      const panel = page.getByTestId('error-panel');
      await panel.waitFor();
      const text = await panel.innerText();
      assert.match(text, /Schema Registry is not reachable/);
      assert.match(text, /SHELFSTREAM_SCHEMA_REGISTRY_URL/);
      await page.screenshot({ path: `${SHOTS}/registry-down.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('serves no secret to the page', async () => {
    const info = await (await fetch(`${console.url}/api/info`)).text();
    assert.doesNotMatch(info, /password|secret/i);
  });

  // The README's screenshots are tracked files: refreshed only when asked, so a test run leaves the tree clean.
  after(async () => {
    if (process.env.SHELFSTREAM_UPDATE_SCREENSHOTS !== '1') return;
    await mkdir(repoPath('docs/screenshots'), { recursive: true });
    for (const shot of ['subjects', 'diff', 'topic-messages']) await copyFile(`${SHOTS}/${shot}.png`, repoPath(`docs/screenshots/console-${shot}.png`));
  });
});
