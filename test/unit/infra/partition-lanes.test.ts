import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { describe, it } from 'node:test';
import type { TopicPartition } from '../../../infra/kafka/kafka-driver.ts';
import { PartitionLanes } from '../../../infra/kafka/partition-lanes.ts';

const p0: TopicPartition = { topic: 't', partition: 0 };
const p1: TopicPartition = { topic: 't', partition: 1 };

/** A batch that finishes when the test says so. */
function gate(): { done: Promise<void>; open: () => void } {
  const opened = new EventEmitter();
  const done = once(opened, 'open').then(() => undefined);
  return { done, open: () => { opened.emit('open'); } };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function fetchState() {
  const fetching = new Map<number, boolean>([[0, true], [1, true]]);
  return {
    fetching,
    control: {
      pause: (p: TopicPartition) => fetching.set(p.partition, false),
      resume: (p: TopicPartition) => fetching.set(p.partition, true),
    },
  };
}

describe('PartitionLanes', () => {
  it('runs a partition’s batches in order, and other partitions meanwhile', async () => {
    const { control } = fetchState();
    const lanes = new PartitionLanes(3, control);
    const log: string[] = [];
    const slow = gate();
    lanes.enqueue(p0, 1, async () => { log.push('p0 a start'); await slow.done; log.push('p0 a end'); });
    lanes.enqueue(p0, 1, () => { log.push('p0 b'); return Promise.resolve(); });
    lanes.enqueue(p1, 1, () => { log.push('p1 a'); return Promise.resolve(); });
    await tick();
    assert.deepEqual(log, ['p0 a start', 'p1 a']);
    slow.open();
    await lanes.drain();
    assert.deepEqual(log, ['p0 a start', 'p1 a', 'p0 a end', 'p0 b']);
  });

  it('pauses fetching a partition while the bytes in hand reach the bound and resumes below it', async () => {
    const { fetching, control } = fetchState();
    const lanes = new PartitionLanes(2, control);
    const first = gate();
    lanes.enqueue(p0, 1, () => first.done);
    assert.equal(fetching.get(0), true);
    lanes.enqueue(p0, 1, () => Promise.resolve());
    assert.equal(fetching.get(0), false);
    assert.deepEqual(lanes.paused(), [p0]);
    assert.equal(fetching.get(1), true, 'other partitions keep fetching');
    first.open();
    await lanes.drain();
    assert.equal(fetching.get(0), true);
    assert.deepEqual(lanes.paused(), []);
  });

  it('skips the batches queued behind a discard, and drops batches fetched until unblocked', async () => {
    const { control } = fetchState();
    const lanes = new PartitionLanes(5, control);
    const ran: string[] = [];
    const failing = gate();
    lanes.enqueue(p0, 1, async () => {
      await failing.done;
      ran.push('a');
      lanes.discard(p0);
    });
    lanes.enqueue(p0, 1, () => { ran.push('b'); return Promise.resolve(); });
    failing.open();
    await lanes.drain();
    lanes.enqueue(p0, 1, () => { ran.push('stale'); return Promise.resolve(); });
    lanes.unblock(p0);
    lanes.enqueue(p0, 1, () => { ran.push('refetched'); return Promise.resolve(); });
    await lanes.drain();
    assert.deepEqual(ran, ['a', 'refetched']);
  });

  it('keeps a lane going after a batch rejects', async () => {
    const { control } = fetchState();
    const lanes = new PartitionLanes(2, control);
    const ran: string[] = [];
    lanes.enqueue(p0, 1, () => Promise.reject(new Error('boom')));
    lanes.enqueue(p0, 1, () => { ran.push('next'); return Promise.resolve(); });
    await lanes.drain();
    assert.deepEqual(ran, ['next']);
  });

  it('skips what was queued before a clear, while batches after it wait for the one running', async () => {
    const { control } = fetchState();
    const lanes = new PartitionLanes(10, control);
    const log: string[] = [];
    const running = gate();
    lanes.enqueue(p0, 1, async () => { log.push('running start'); await running.done; log.push('running end'); });
    lanes.enqueue(p0, 1, () => { log.push('queued'); return Promise.resolve(); });
    await tick();
    lanes.clear();
    lanes.enqueue(p0, 1, () => { log.push('fetched again'); return Promise.resolve(); });
    await tick();
    assert.deepEqual(log, ['running start']);
    running.open();
    await lanes.drain();
    assert.deepEqual(log, ['running start', 'running end', 'fetched again']);
  });
});
