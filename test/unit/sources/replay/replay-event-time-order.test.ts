import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { IncomingRecord } from '../../../../infra/kafka/kafka-driver.ts';
import { DEFAULT_GENERATOR_START } from '../../../../sources/generator/generated-event.ts';
import { generateOrders } from '../../../../sources/generator/order-generator.ts';
import { writeSalesCsv } from '../../../../sources/generator/sales-csv-writer.ts';
import { SeededRandom } from '../../../../sources/seeded-random.ts';
import { salesEventTime } from '../../../../sources/replay/replay-event-time.ts';
import { replayCsv, type ReplayCsvOptions } from '../../../../sources/replay/replay-csv.ts';
import { inMemoryStack } from '../../../support/in-memory-stack.ts';
import { readTopic } from '../../../support/read-topic.ts';

const PARTITIONS = 3;

/** Each partition's record timestamps, in log order. */
function timestampsByPartition(records: readonly IncomingRecord[]): number[][] {
  return Array.from({ length: PARTITIONS }, (_, p) => records.filter((r) => r.partition === p).map((r) => r.timestamp));
}

const isSorted = (times: readonly number[]): boolean => times.every((t, i) => i === 0 || (times[i - 1] ?? t) <= t);

describe('replayCsv: rows in event-time order', () => {
  let scratch = '';
  let files: string[] = [];
  let shuffledTimes: number[] = [];
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'shelfstream-replay-order-'));
    const whole = path.join(scratch, 'all.csv');
    const events = [...generateOrders({ seed: 11, count: 120, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.001 })];
    await writeSalesCsv(events, whole);
    const orders = events.map((e) => e.value);
    const [header = '', ...rows] = (await readFile(whole, 'utf8')).trimEnd().split('\n');
    // Two exports that overlap in time, each shuffled (Fisher-Yates), as real exports come.
    const random = new SeededRandom(5);
    const order = rows.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
    }
    const shuffled = order.map((i) => rows[i] ?? '');
    shuffledTimes = order.map((i) => salesEventTime(orders[i] ?? assert.fail('no order')));
    files = [path.join(scratch, 'a.csv'), path.join(scratch, 'b.csv')];
    await writeFile(files[0] ?? '', `${[header, ...shuffled.filter((_, i) => i % 2 === 0)].join('\n')}\n`);
    await writeFile(files[1] ?? '', `${[header, ...shuffled.filter((_, i) => i % 2 === 1)].join('\n')}\n`);
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes every partition in event time over all the files, however the files are ordered', async () => {
    const { driver, serde } = inMemoryStack();
    const totals = await replayCsv({ files, kind: 'sales', topic: 'orders', partitions: PARTITIONS, driver, serde });
    const records = await readTopic(driver, 'orders', PARTITIONS);
    assert.deepEqual([totals.rowsRead, totals.produced, records.length], [120, 120, 120]);
    const byPartition = timestampsByPartition(records);
    assert.ok(byPartition.every((times) => times.length > 0 && isSorted(times)), 'every partition is in event time');
    assert.ok(!isSorted(shuffledTimes), 'the files were not: the order was made, not kept');
  });

  it('resumes an interrupted replay at its place in event-time order: every row once, each partition still in event time', async () => {
    const { driver, serde } = inMemoryStack();
    const options: ReplayCsvOptions = { files, kind: 'sales', topic: 'orders', partitions: PARTITIONS, driver, serde, batchSize: 25 };
    const abort = new AbortController();
    const first = await replayCsv({ ...options, signal: abort.signal, onProgress: (t) => { if (t.produced >= 50) abort.abort(); } });
    assert.deepEqual([first.interrupted, first.produced], [true, 50]);
    const second = await replayCsv(options);
    assert.deepEqual([second.interrupted, second.skipped, second.produced], [false, 50, 70]);
    const records = await readTopic(driver, 'orders', PARTITIONS);
    assert.equal(new Set(records.map((r) => r.key?.toString('hex'))).size, 120);
    assert.equal(records.length, 120);
    assert.ok(timestampsByPartition(records).every(isSorted), 'the resumed rows follow the first run in event time');
  });

  it('is a new input when the files change: the changed files replay whole', async () => {
    const { driver, serde } = inMemoryStack();
    const options: ReplayCsvOptions = { files: [files[0] ?? ''], kind: 'sales', topic: 'orders', partitions: PARTITIONS, driver, serde };
    const first = await replayCsv(options);
    const both = await replayCsv({ ...options, files });
    assert.deepEqual([first.produced, both.skipped, both.produced], [60, 0, 120]);
  });
});
