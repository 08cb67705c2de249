import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_GENERATOR_START } from '../../../../sources/generator/generated-event.ts';
import { generateOrders } from '../../../../sources/generator/order-generator.ts';
import { writeSalesCsv } from '../../../../sources/generator/sales-csv-writer.ts';
import { replayCsv, type ReplayCsvOptions } from '../../../../sources/replay/replay-csv.ts';
import { endOfInputAnnouncement, readProgressAnnouncement } from '../../../../streams/progress-announcement.ts';
import { inMemoryStack } from '../../../support/in-memory-stack.ts';
import { readTopic } from '../../../support/read-topic.ts';

const PARTITIONS = 3;

describe('replayCsv: the end of a bounded input', () => {
  let scratch = '';
  let file = '';
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'shelfstream-replay-end-'));
    file = path.join(scratch, 'sales.csv');
    await writeSalesCsv(generateOrders({ seed: 7, count: 40, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.01 }), file);
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('announces it once on every partition, after every row, and a rerun adds nothing', async () => {
    const { driver, serde } = inMemoryStack();
    const options: ReplayCsvOptions = { files: [file], kind: 'sales', topic: 'orders', partitions: PARTITIONS, driver, serde, endOfInput: (p) => endOfInputAnnouncement('orders', p) };
    const first = await replayCsv(options);
    const records = await readTopic(driver, 'orders', PARTITIONS);
    const announced = records.flatMap((r) => readProgressAnnouncement(r) ?? []);
    const lastOf = (partition: number) => records.filter((r) => r.partition === partition).at(-1);
    assert.equal(first.produced, 40);
    assert.equal(announced.length, PARTITIONS);
    assert.deepEqual(
      [0, 1, 2].map((p) => {
        const last = lastOf(p);
        const end = last === undefined ? undefined : readProgressAnnouncement(last);
        return end === undefined ? undefined : [end.source, end.eventTime];
      }),
      [['orders/0', Infinity], ['orders/1', Infinity], ['orders/2', Infinity]],
    );

    const second = await replayCsv(options);
    assert.deepEqual({ produced: second.produced, skipped: second.skipped }, { produced: 0, skipped: 40 });
    assert.equal((await readTopic(driver, 'orders', PARTITIONS)).length, records.length);
  });

  it('announces the end of a file replayed before without it, once', async () => {
    const { driver, serde } = inMemoryStack();
    const options: ReplayCsvOptions = { files: [file], kind: 'sales', topic: 'orders', partitions: PARTITIONS, driver, serde };
    await replayCsv(options);
    const announcing = { ...options, endOfInput: (p: number) => endOfInputAnnouncement('orders', p) };
    const resumed = await replayCsv(announcing);
    await replayCsv(announcing);
    const records = await readTopic(driver, 'orders', PARTITIONS);
    assert.equal(resumed.produced, 0);
    assert.deepEqual(records.map((r) => readProgressAnnouncement(r)?.eventTime).filter((t) => t !== undefined), [Infinity, Infinity, Infinity]);
    assert.equal(records.length, 40 + PARTITIONS);
  });
});
