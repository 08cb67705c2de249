import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LanedBatchHandler } from '../../../../infra/kafka/driver-core/laned-batch-handler.ts';
import type { RecordBatch, TopicPartition } from '../../../../infra/kafka/kafka-driver.ts';

const p0: TopicPartition = { topic: 't', partition: 0 };

function batch(from: number, to: number, caughtUp = false): RecordBatch {
  const records = Array.from({ length: to - from }, (_, i) => ({
    topic: 't', partition: 0, offset: String(from + i), key: null, value: Buffer.from(`v${from + i}`), headers: {}, timestamp: 0,
  }));
  return { topic: 't', partition: 0, records, caughtUp };
}

/** A consumer's group state as the handler leaves it: committed offsets, fetch position, paused. */
function groupState() {
  const state = { committed: undefined as string | undefined, position: undefined as string | undefined, paused: false };
  return {
    state,
    consumer: {
      pause: () => { state.paused = true; },
      resume: () => { state.paused = false; },
      seek: (_: TopicPartition, offset: string) => { state.position = offset; return Promise.resolve(); },
      commit: (_: TopicPartition, next: string) => { state.committed = next; return Promise.resolve(); },
    },
  };
}

const offsets = (b: RecordBatch) => b.records.map((r) => Number(r.offset));

/** A handler under exactly-once whose one partition's lane is full behind a batch that runs until released. */
function fullLane() {
  const { state, consumer } = groupState();
  const handler = new LanedBatchHandler(6, consumer, 'transaction');
  let release = () => undefined as unknown;
  const busy = new Promise((resolve) => { release = () => { resolve(undefined); }; });
  handler.start(() => busy.then(() => undefined), (error) => { throw error; });
  handler.assign([p0]);
  handler.enqueue(batch(0, 2), 4);
  handler.enqueue(batch(2, 4), 4);
  assert.equal(state.paused, true);
  return { state, handler, release };
}

describe('LanedBatchHandler', () => {
  it('hands the batches queued while a partition was busy over as one, in order, and commits past them', async () => {
    const { state, consumer } = groupState();
    const handler = new LanedBatchHandler(1_000_000, consumer);
    const handled: number[][] = [];
    let release = () => undefined as unknown;
    const busy = new Promise((resolve) => { release = () => { resolve(undefined); }; });
    handler.start(async (b) => {
      handled.push(offsets(b));
      if (handled.length === 1) await busy;
    }, (error) => { throw error; });
    handler.assign([p0]);
    handler.enqueue(batch(0, 2), 4);
    await new Promise((resolve) => setImmediate(resolve));
    handler.enqueue(batch(2, 4), 4);
    handler.enqueue(batch(4, 5, true), 4);
    release();
    await handler.drain();
    assert.deepEqual(handled, [[0, 1], [2, 3, 4]]);
    assert.equal(state.committed, '5');
  });

  it('commits nothing for a batch whose partition was revoked while it was handled', async () => {
    const { state, consumer } = groupState();
    const handler = new LanedBatchHandler(1_000_000, consumer);
    let release = () => undefined as unknown;
    const busy = new Promise((resolve) => { release = () => { resolve(undefined); }; });
    handler.start(() => busy.then(() => undefined), (error) => { throw error; });
    handler.assign([p0]);
    handler.enqueue(batch(0, 2), 4);
    await new Promise((resolve) => setImmediate(resolve));
    handler.assign([]);
    release();
    await handler.drain();
    assert.equal(state.committed, undefined, "the next owner reads it again from the group's last commit");
  });

  it('leaves commits to the transaction when asked, and holds a full lane until it has room', async () => {
    const { state, handler, release } = fullLane();
    assert.deepEqual(handler.paused(), [p0]);
    release();
    await handler.drain();
    assert.equal(state.paused, false);
    assert.equal(state.committed, undefined);
  });

  it('fetches a failed batch again from its first offset, and drops what was queued behind it', async () => {
    const { state, consumer } = groupState();
    const handler = new LanedBatchHandler(1_000_000, consumer);
    const handled: number[][] = [];
    handler.start((b) => {
      handled.push(offsets(b));
      return handled.length === 1 ? Promise.reject(new Error('sink down')) : Promise.resolve();
    }, (error) => { throw error; });
    handler.assign([p0]);
    handler.enqueue(batch(3, 5), 4);
    await handler.drain();
    assert.equal(state.position, '3');
    assert.equal(state.committed, undefined);
    handler.enqueue(batch(3, 6), 6);
    await handler.drain();
    assert.deepEqual(handled, [[3, 4], [3, 4, 5]]);
    assert.equal(state.committed, '6');
  });

  it('hands nothing of a partition it does not own', async () => {
    const { state, consumer } = groupState();
    const handler = new LanedBatchHandler(1_000_000, consumer);
    const handled: number[][] = [];
    handler.start((b) => { handled.push(offsets(b)); return Promise.resolve(); }, (error) => { throw error; });
    handler.assign([{ topic: 't', partition: 1 }]);
    handler.enqueue(batch(0, 2), 4);
    await handler.drain();
    assert.deepEqual(handled, []);
    assert.equal(state.committed, undefined);
  });

  it('lets a partition revoked while its lane was full fetch again, so a client holding its fetch for room is released', async () => {
    const { state, handler, release } = fullLane();
    handler.assign([]);
    handler.skipQueued();
    release();
    await handler.drain();
    assert.equal(state.paused, false);
  });
});
