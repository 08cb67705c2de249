import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord } from '../../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { readExtraColumns } from '../../../sources/replay/extra-columns.ts';
import { replayCsv, type ReplayCsvOptions } from '../../../sources/replay/replay-csv.ts';
import { salesEventTime } from '../../../sources/replay/replay-event-time.ts';
import { readTopic } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const driver = createKafkaDriver(config, 'kafkajs');
const SALES_CSV = repoPath('..', 'shared', 'data', 'amazon-sales-orders', 'Amazon_sales_sample_90rows.csv');
const PRODUCTS_CSV = repoPath('..', 'shared', 'data', 'amazon-products-in-2023', 'Air Conditioners.csv');
const PARTITIONS = 3;

/** Options of a replay into fresh topics of its own, progress included. */
function freshReplay(file: string, kind: ReplayCsvOptions['kind'], serde: AvroSerde): ReplayCsvOptions {
  const topic = uniqueName('it-replay').replaceAll('_', '-');
  return { files: [file], kind, topic, driver, serde, partitions: PARTITIONS, progressTopic: `${topic}.progress` };
}

const header = (r: IncomingRecord, name: string): string | undefined => r.headers[name]?.toString();

describe('CSV replay into Kafka', () => {
  let scratch = '';
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'shelfstream-replay-'));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('replays the whole sales CSV: events on the topic plus dead-lettered rows equal the data rows', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const options = freshReplay(SALES_CSV, 'sales', serde);
    const totals = await replayCsv(options);
    const dataRows = (await readFile(SALES_CSV, 'utf8')).trimEnd().split('\n').length - 1;

    const events = await readTopic(driver, options.topic, PARTITIONS);
    const dead = await readTopic(driver, `${options.topic}.dead-letter`, PARTITIONS);
    assert.equal(dataRows, 90);
    assert.equal(events.length + dead.length, dataRows);
    assert.deepEqual(
      { rows: totals.rowsRead, produced: totals.produced, dead: totals.deadLettered, skipped: totals.skipped },
      { rows: 90, produced: events.length, dead: dead.length, skipped: 0 },
    );
    const schema = readSchemaFile('sales-order');
    const ids = new Set<string>();
    for (const r of events) {
      const order = await serde.deserialize(r.value ?? Buffer.alloc(0), schema);
      assert.equal(await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA), order.order_id);
      assert.equal(r.timestamp, salesEventTime(order));
      ids.add(order.order_id);
    }
    assert.equal(ids.size, 90);
  });

  it('dead-letters the bad rows of a sales file with their physical line, code and reason, and the counts add up', async () => {
    const sales = await readFile(SALES_CSV, 'utf8');
    const good = 'ORD9000001,2024-01-02,CUST000001,"Doe, Jane",P00001,"Mug, ""large""\nwith lid",Home & Kitchen,Acme,1,10.00,0.0,1.00,0.50,11.50,UPI,Shipped,Austin,TX,United States,SELL00001';
    const bad = [
      'ORD9000002,2024-13-01,CUST000002,Joe,P00002,Pen,Books,Acme,1,1.00,0.0,0.0,0.0,1.00,UPI,Shipped,Austin,TX,United States,SELL00002',
      'ORD9000003,2024-01-03,CUST000003,Ann,P00003,"Lamp\nshade",Books,Acme,2,5.00,0.0,0.0,0.0,99.00,UPI,Shipped,Austin,TX,United States,SELL00003',
      'ORD9000004,2024-01-04,too,few,columns',
    ];
    const file = path.join(scratch, 'sales-with-bad-rows.csv');
    // Lines: 1 header, 2-91 the real rows, 92-93 the good row (a quoted newline), 94, 95-96 and 97 the bad ones.
    await writeFile(file, `${sales}${good}\n${bad.join('\n')}\n`);
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const options = freshReplay(file, 'sales', serde);
    const totals = await replayCsv(options);

    const events = await readTopic(driver, options.topic, PARTITIONS);
    const dead = (await readTopic(driver, `${options.topic}.dead-letter`, PARTITIONS)).sort((a, b) => Number(header(a, H.line)) - Number(header(b, H.line)));
    assert.deepEqual([totals.rowsRead, totals.produced, totals.deadLettered], [94, 91, 3]);
    assert.equal(events.length + dead.length, totals.rowsRead);
    assert.deepEqual(
      dead.map((r) => [header(r, H.line), header(r, H.code), header(r, H.field), r.value?.toString()]),
      [
        ['94', 'ROW_INVALID', 'OrderDate', bad[0]],
        ['95', 'ROW_INVALID', 'TotalAmount', bad[1]],
        ['97', 'ROW_INVALID', undefined, bad[2]],
      ],
    );
    assert.match(dead.map((r) => header(r, H.message)).join('\n'), /5 fields, the header 20/);
    for (const r of dead) assert.equal(header(r, H.file), path.resolve(file));
    const mug = await Promise.all(events.map((r) => serde.deserialize(r.value ?? Buffer.alloc(0), readSchemaFile('sales-order'))));
    assert.equal(mug.find((o) => o.order_id === 'ORD9000001')?.product_name, 'Mug, "large"\nwith lid');
  });

  it('dead-letters product rows without an ASIN with their line numbers and produces the rest keyed by ASIN', async () => {
    const products = await readFile(PRODUCTS_CSV, 'utf8');
    const file = path.join(scratch, 'products-with-bad-rows.csv');
    const noAsin = '"Search page, not a product",appliances,Air Conditioners,https://m.media-amazon.com/i.jpg,https://www.amazon.in/s?k=ac,4.0,"1,024","₹1,999","₹2,999"';
    const multiLine = '"Two-line\r\nname",appliances,Air Conditioners,https://m.media-amazon.com/i.jpg,https://www.amazon.in/x/dp/B0TESTTEST/ref=x?qid=1679134237,Get,FREE Delivery by Amazon,,"₹1,44,900"';
    const shifted = 'lost columns,appliances,https://www.amazon.in/x/dp/B0SHIFTED1';
    // Lines: 1 header, 2-101 the real rows, 102 no ASIN, 103-104 a good two-line row, 105 a short row.
    await writeFile(file, `${products}${noAsin}\r\n${multiLine}\r\n${shifted}\r\n`);
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const options = freshReplay(file, 'products', serde);
    const totals = await replayCsv(options);

    const events = await readTopic(driver, options.topic, PARTITIONS);
    const dead = (await readTopic(driver, `${options.topic}.dead-letter`, PARTITIONS)).sort((a, b) => Number(header(a, H.line)) - Number(header(b, H.line)));
    assert.deepEqual([totals.rowsRead, totals.produced, totals.deadLettered], [103, 101, 2]);
    assert.equal(events.length, 101);
    assert.deepEqual(
      dead.map((r) => [header(r, H.line), header(r, H.code), header(r, H.field), header(r, H.kind), r.value?.toString()]),
      [
        ['102', 'ROW_INVALID', 'link', 'products', noAsin],
        ['105', 'ROW_INVALID', undefined, 'products', shifted],
      ],
    );
    const schema = readSchemaFile('catalog-product');
    const decoded = await Promise.all(events.map(async (r) => ({ key: await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA), value: await serde.deserialize(r.value ?? Buffer.alloc(0), schema) })));
    for (const { key, value } of decoded) assert.equal(key, value.asin);
    const twoLine = decoded.find((d) => d.key === 'B0TESTTEST')?.value;
    assert.deepEqual(
      [twoLine?.name, twoLine?.ratings, twoLine?.no_of_ratings, twoLine?.discount_price_minor, twoLine?.actual_price_minor],
      ['Two-line\r\nname', null, null, null, 14_490_000],
    );
    // The two-line row alone has three: Get, FREE Delivery by Amazon and an empty price.
    assert.ok(totals.nulledValues >= 3);
  });

  it('loads a pandas export with its index column and a new vendor field: every row produced, the unknown values kept on each record, one warning naming the columns', async () => {
    const [head = '', ...rows] = (await readFile(SALES_CSV, 'utf8')).trimEnd().split('\n');
    const channel = (i: number): string => (i % 3 === 0 ? 'FBA' : 'Merchant');
    const file = path.join(scratch, 'sales-from-pandas.csv');
    await writeFile(file, [`,${head},Fulfilment Channel`, ...rows.map((row, i) => `${i},${row},${channel(i)}`)].join('\n') + '\n');
    const warnings: { msg: string; columns?: string[] }[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => { warnings.push(JSON.parse(line) as { msg: string; columns?: string[] }); } });
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const options = freshReplay(file, 'sales', serde);
    const totals = await replayCsv({ ...options, log });

    assert.deepEqual([totals.rowsRead, totals.produced, totals.deadLettered], [90, 90, 0]);
    assert.deepEqual(totals.extraColumns, ['Unnamed: 0', 'Fulfilment Channel']);
    assert.deepEqual(warnings.map((w) => w.columns), [['Unnamed: 0', 'Fulfilment Channel']], 'warned once, naming the columns');
    assert.match(warnings[0]?.msg ?? '', /unknown columns "Unnamed: 0", "Fulfilment Channel"/);
    assert.deepEqual(await readTopic(driver, `${options.topic}.dead-letter`, PARTITIONS), []);
    const expected = new Map(rows.map((row, i) => [row.split(',')[0] ?? '', { 'Unnamed: 0': String(i), 'Fulfilment Channel': channel(i) }]));
    const schema = readSchemaFile('sales-order');
    const events = await readTopic(driver, options.topic, PARTITIONS);
    assert.equal(events.length, 90);
    for (const r of events) {
      const order = await serde.deserialize(r.value ?? Buffer.alloc(0), schema);
      assert.deepEqual(readExtraColumns(r.headers), expected.get(order.order_id), order.order_id);
    }
  });

  it('resumes an interrupted replay where it stopped: every row once, none twice', async () => {
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const options = { ...freshReplay(SALES_CSV, 'sales', serde), batchSize: 20 };
    const abort = new AbortController();
    const first = await replayCsv({ ...options, signal: abort.signal, onProgress: (t) => { if (t.produced >= 40) abort.abort(); } });
    assert.equal(first.interrupted, true);
    assert.equal(first.produced, 40);
    assert.equal((await readTopic(driver, options.topic, PARTITIONS)).length, 40);

    const second = await replayCsv(options);
    assert.deepEqual(
      { interrupted: second.interrupted, rows: second.rowsRead, skipped: second.skipped, produced: second.produced, dead: second.deadLettered },
      { interrupted: false, rows: 90, skipped: 40, produced: 50, dead: 0 },
    );
    const third = await replayCsv(options);
    assert.deepEqual([third.rowsRead, third.skipped, third.produced], [90, 90, 0]);

    const events = await readTopic(driver, options.topic, PARTITIONS);
    const ids = await Promise.all(events.map((r) => serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA)));
    assert.equal(events.length, 90);
    assert.equal(new Set(ids).size, 90);

    const again = await replayCsv({ ...options, fromStart: true });
    assert.deepEqual([again.skipped, again.produced], [0, 90]);
  });
});
