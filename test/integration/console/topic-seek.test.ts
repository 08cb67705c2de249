import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { parseAvroSchema } from '../../../schemas/avro-schema.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { emptyOutcomes } from '../../../streams/batch.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { callRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const name = uniqueName('it-console-seek');
const topic = `${name}.timed-orders`;
const subject = `${topic}-value`;
const lateTopic = `${name}.late`;
const SHOTS = repoPath('test-output/console');
const PARTITIONS = 2;
const PER_PARTITION = 8;
const MINUTE = 60_000;
// Records a minute apart from this time on each partition: a time seek has known answers. Recent,
// or the broker's retention deletes them at once.
const T0 = Math.floor((Date.now() - 120 * MINUTE) / MINUTE) * MINUTE;

const schema = {
  type: 'record',
  name: 'TimedOrder',
  namespace: 'com.shelfstream.test',
  fields: [
    { name: 'order_id', type: 'string' },
    { name: 'total_minor', type: 'long' },
  ],
};

const kafka = new Kafka({ clientId: 'shelfstream-tests', brokers: [...base.kafka.brokers], logLevel: logLevel.NOTHING });
const serde = new AvroSerde(new HttpSchemaRegistryClient({ url: base.schemaRegistry.url }), { autoRegister: false });
const reader = parseAvroSchema(JSON.stringify(schema));

/** The record at `offset` of a partition as a direct consumer reads it, outside the console, and its value decoded (as plain JSON). */
async function directRead(partition: number, offset: number): Promise<{ record: IncomingRecord; value: unknown }> {
  const records: IncomingRecord[] = [];
  await createKafkaDriver(base).readPartition(topic, partition, (batch) => records.push(...batch), String(offset));
  const record = records.find((r) => r.offset === String(offset));
  assert.ok(record?.value != null, `${topic}/${partition}@${offset} read directly`);
  return { record, value: JSON.parse(JSON.stringify(await serde.deserialize(record.value, reader))) as unknown };
}

/** The value cell of the row of `partition@offset`, parsed. */
async function shownValue(page: Page, position: string): Promise<unknown> {
  const row = page.locator(`tr[data-position="${position}"]`);
  await row.waitFor();
  return JSON.parse(await row.locator('td').nth(3).locator('pre').innerText()) as unknown;
}

/** The `partition@offset` of every row shown, in order. */
async function shownPositions(page: Page): Promise<(string | null)[]> {
  return Promise.all((await page.locator('tr[data-position]').all()).map(async (row) => row.getAttribute('data-position')));
}

describe('the console\'s topic page seeking by offset and time, and the late-records page, in Chromium', () => {
  let browser: Browser;
  let console: ConsoleServer;

  before(async () => {
    await prepareConsoleTest(SHOTS);
    const registered = await callRegistry(base.schemaRegistry.url, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });
    assert.equal(registered.status, 200, JSON.stringify(registered.body));
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }, { topic: lateTopic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const messages = await Promise.all(
        Array.from({ length: PER_PARTITION }, async (_, i) => ({
          partition,
          key: `timed-${partition}-${i}`,
          value: await serde.serialize(subject, reader, { order_id: `timed-${partition}-${i}`, total_minor: 100 * i + partition }),
          timestamp: String(T0 + i * MINUTE + partition * 1_000),
        })),
      );
      await producer.send({ topic, messages });
    }
    await producer.disconnect();

    // A late record as the runtime writes it: through the topology's side-output sink.
    const key = Buffer.from('late-order-1');
    const value = await serde.serialize(subject, reader, { order_id: 'late-order-1', total_minor: 777 });
    const sink = sideOutputSink({ deadLetter: `${name}.dead-letter`, late: lateTopic })({ applicationId: name, input: { topic, partition: 0 } });
    const record = { key: 'late-order-1', value: null, timestamp: T0 + 30_000, headers: {}, origin: { topic, partition: 0, offset: '3' }, raw: { key, value } };
    await sink.add({
      topic,
      partition: 0,
      records: [],
      ...emptyOutcomes(),
      late: [{ record, step: 'revenue-per-minute', windowStart: T0, windowEnd: T0 + MINUTE, watermark: T0 + 3 * MINUTE + 15_000 }],
    });
    const driverProducer = createKafkaDriver(base).producer();
    await driverProducer.connect();
    await sink.flush({ producer: driverProducer, next: '4' });
    await driverProducer.disconnect();

    console = await startConsoleServer(loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1' }));
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await console.close();
    await callRegistry(base.schemaRegistry.url, 'DELETE', `/subjects/${encodeURIComponent(subject)}`);
    await callRegistry(base.schemaRegistry.url, 'DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, lateTopic] });
    await admin.disconnect();
  });

  it('shows the record at the offset given in the URL with the value a direct consumer reads', async () => {
    await inPage(browser, `${console.url}/#/topics/${encodeURIComponent(topic)}?partition=1&offset=5&limit=10`, async (page) => {
      await page.getByTestId('messages').waitFor();
      assert.deepEqual(await shownValue(page, '1@5'), (await directRead(1, 5)).value);
      const positions = await shownPositions(page);
      assert.deepEqual(positions, ['1@5', '1@6', '1@7']);
      assert.match(await page.getByTestId('seek-start').innerText(), /partition 1 at offset 5/);
      await page.screenshot({ path: `${SHOTS}/topic-seek-offset.png`, fullPage: true });
      if (process.env.SHELFSTREAM_UPDATE_SCREENSHOTS === '1') await copyFile(`${SHOTS}/topic-seek-offset.png`, repoPath('docs/screenshots/console-topic-seek.png'));
    });
  });

  it('seeks from the form, the position going into the URL', async () => {
    await inPage(browser, `${console.url}/#/topics/${encodeURIComponent(topic)}`, async (page) => {
      await page.getByTestId('messages').waitFor();
      await page.getByLabel('read from').selectOption('offset');
      await page.getByLabel('partition', { exact: true }).fill('0');
      await page.getByLabel('offset', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Go' }).click();
      await page.waitForURL(/partition=0&offset=2/);
      assert.deepEqual(await shownValue(page, '0@2'), (await directRead(0, 2)).value);
    });
  });

  it('seeks every partition to the first record at or after a time', async () => {
    // Partition 0's records are at T0 + i minutes, partition 1's a second later: 3 minutes in is offset 3 on 0, 3 on 1.
    const at = new Date(T0 + 3 * MINUTE).toISOString();
    await inPage(browser, `${console.url}/#/topics/${encodeURIComponent(topic)}?timestamp=${encodeURIComponent(at)}&limit=2`, async (page) => {
      await page.getByTestId('messages').waitFor();
      assert.match(await page.getByTestId('seek-start').innerText(), /partition 0 at offset 3 · partition 1 at offset 3/);
      const positions = await shownPositions(page);
      assert.deepEqual(positions, ['0@3', '0@4', '1@3', '1@4']);
      const direct = await directRead(0, 3);
      assert.equal(direct.record.timestamp, T0 + 3 * MINUTE);
      assert.deepEqual(await shownValue(page, '0@3'), direct.value);
      await page.screenshot({ path: `${SHOTS}/topic-seek-time.png`, fullPage: true });
    });
  });

  it('says why it cannot read from an offset out of range or a time that is not one', async () => {
    const cases = [
      [`partition=0&offset=${PER_PARTITION + 40}`, new RegExp(`offset ${PER_PARTITION + 40} is out of range of partition 0: it holds offsets 0 to ${PER_PARTITION - 1}`)],
      ['partition=9&offset=0', /no partition 9/],
      ['timestamp=next%20tuesday', /'next tuesday' is not a time/],
    ] as const;
    for (const [query, reason] of cases) {
      // The refused API call is logged by Chromium as a failed resource: this page is not watched for console errors.
      const page = await browser.newPage({ viewport: { width: 1360, height: 700 } });
      const thrown: string[] = [];
      page.on('pageerror', (e) => { thrown.push(e.message); });
      try {
        await page.goto(`${console.url}/#/topics/${encodeURIComponent(topic)}?${query}`);
        const panel = page.getByTestId('seek-error');
        await panel.waitFor();
        assert.match(await panel.innerText(), reason);
        await page.getByTestId('seek-form').waitFor();
        if (query.startsWith('timestamp')) await page.screenshot({ path: `${SHOTS}/topic-seek-refused.png`, fullPage: true });
        assert.deepEqual(thrown, []);
      } finally {
        await page.close();
      }
    }
  });

  it('says a topic that is not there is not found', async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 700 } });
    try {
      await page.goto(`${console.url}/#/topics/${encodeURIComponent(`${name}.missing`)}?partition=0&offset=0`);
      const panel = page.getByTestId('error-panel');
      await panel.waitFor();
      assert.match(await panel.innerText(), /Not found\s+Kafka has no such topic or partition/);
    } finally {
      await page.close();
    }
  });

  it('shows each late record with its window, the watermark then, and its lateness', async () => {
    await inPage(browser, `${console.url}/#/late-records`, async (page) => {
      await page.getByTestId('topics').locator('tr', { hasText: lateTopic }).waitFor();
    });
    await inPage(browser, `${console.url}/#/late-records/${encodeURIComponent(lateTopic)}`, async (page) => {
      const late = page.getByTestId('late-record').first();
      await late.waitFor();
      const text = await late.innerText();
      assert.match(text, /2 min 45 s late/);
      assert.match(text, new RegExp(`window \\[${new Date(T0).toISOString()}, ${new Date(T0 + MINUTE).toISOString()}\\)`));
      assert.match(text, new RegExp(`watermark ${new Date(T0 + 3 * MINUTE + 15_000).toISOString()}`));
      assert.match(text, new RegExp(`event time ${new Date(T0 + 30_000).toISOString()}`));
      assert.match(text, /step revenue-per-minute/);
      assert.match(text, new RegExp(`from ${topic.replaceAll('.', '\\.')}/0@3`));
      assert.match(await page.getByTestId('messages').innerText(), /"order_id": "late-order-1"/);
      await page.screenshot({ path: `${SHOTS}/late-records.png`, fullPage: true });
    });
  });
});
