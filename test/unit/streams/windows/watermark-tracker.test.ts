import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { NO_WATERMARK, WatermarkTracker } from '../../../../streams/windows/index.ts';
import { seededRandom } from '../../../support/seeded-random.ts';

/** A processing-time clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('WatermarkTracker', () => {
  it('is the highest event time seen minus the allowed out-of-orderness', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 5_000, idleTimeoutMs: 60_000, now: clock.now });
    assert.equal(tracker.watermark(), NO_WATERMARK);
    tracker.observe(0, 100_000);
    assert.equal(tracker.watermark(), 95_000);
    tracker.observe(0, 97_000); // out of order, within the bound: the watermark holds
    assert.equal(tracker.partitionWatermark(0), 95_000);
    tracker.observe(0, 110_000);
    assert.equal(tracker.watermark(), 105_000);
  });

  it('combines partitions by their minimum', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 0, idleTimeoutMs: 60_000, now: clock.now });
    tracker.observe(0, 50_000);
    tracker.observe(1, 20_000);
    tracker.observe(2, 80_000);
    assert.equal(tracker.watermark(), 20_000);
    tracker.observe(1, 60_000);
    assert.equal(tracker.watermark(), 50_000);
  });

  it('holds back for an assigned partition that has not produced a record, until it is idle', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 0, idleTimeoutMs: 30_000, now: clock.now });
    tracker.track(0);
    tracker.track(1);
    tracker.observe(0, 500_000);
    assert.equal(tracker.watermark(), NO_WATERMARK);
    clock.advance(30_000);
    tracker.observe(0, 510_000);
    assert.equal(tracker.watermark(), NO_WATERMARK, 'exactly the timeout is not yet idle');
    clock.advance(1);
    assert.equal(tracker.isIdle(1), true);
    assert.equal(tracker.watermark(), 510_000);
  });

  it('ignores an idle partition, and never goes back when it wakes up behind', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 1_000, idleTimeoutMs: 10_000, now: clock.now });
    tracker.observe('orders:0', 100_000);
    tracker.observe('orders:1', 40_000);
    assert.equal(tracker.watermark(), 39_000);
    for (let i = 1; i <= 5; i++) {
      clock.advance(4_000);
      tracker.observe('orders:0', 100_000 + i * 10_000);
    }
    assert.equal(tracker.isIdle('orders:1'), true);
    assert.equal(tracker.watermark(), 149_000);
    tracker.observe('orders:1', 45_000);
    assert.equal(tracker.isIdle('orders:1'), false);
    assert.equal(tracker.partitionWatermark('orders:1'), 44_000);
    assert.equal(tracker.watermark(), 149_000);
  });

  it('uses every partition when all are idle', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 0, idleTimeoutMs: 1_000, now: clock.now });
    tracker.observe(0, 30_000);
    tracker.observe(1, 10_000);
    clock.advance(5_000);
    assert.equal(tracker.watermark(), 10_000);
  });

  it('keeps its value when a partition is revoked', () => {
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 0, idleTimeoutMs: 1_000, now: clock.now });
    tracker.observe(0, 30_000);
    tracker.observe(1, 10_000);
    tracker.untrack(0);
    assert.equal(tracker.partitionWatermark(0), undefined);
    assert.equal(tracker.watermark(), 10_000);
    tracker.untrack(1);
    assert.equal(tracker.watermark(), 10_000);
  });

  it('never decreases under random out-of-order events, idleness and revocations', () => {
    const rnd = seededRandom(42);
    const clock = manualClock();
    const tracker = new WatermarkTracker({ maxOutOfOrderMs: 2_000, idleTimeoutMs: 5_000, now: clock.now });
    const highest = new Map<number, number>();
    let previous = tracker.watermark();
    for (let i = 0; i < 20_000; i++) {
      const partition = rnd.int(0, 3);
      const roll = rnd.next();
      if (roll < 0.01) {
        tracker.untrack(partition);
        highest.delete(partition);
      } else {
        const eventTime = i * 10 + rnd.int(-3_000, 500) - (partition === 3 ? 50_000 : 0);
        tracker.observe(partition, eventTime);
        highest.set(partition, Math.max(highest.get(partition) ?? -Infinity, eventTime));
      }
      clock.advance(rnd.int(0, 300));
      const mark = tracker.watermark();
      assert.ok(mark >= previous, `seed ${rnd.seed} step ${i}: ${mark} < ${previous}`);
      for (const [p, h] of highest) assert.equal(tracker.partitionWatermark(p), h - 2_000);
      previous = mark;
    }
    assert.ok(previous > 100_000, 'the watermark made progress');
  });

  it('validates its options', () => {
    assert.throws(
      () => new WatermarkTracker({ maxOutOfOrderMs: -1, idleTimeoutMs: 1, now: Date.now }),
      (e) => e instanceof InvalidOptionError && e.problems[0]?.path === 'maxOutOfOrderMs',
    );
    assert.throws(() => new WatermarkTracker({ maxOutOfOrderMs: 0, idleTimeoutMs: 1, now: 5 as never }), InvalidOptionError);
  });
});
