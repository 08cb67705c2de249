import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { KeyValueStore } from '../../../../runtime/key-value-store.ts';
import { END_OF_INPUT, NO_WATERMARK, WATERMARK_KEY, WatermarkTracker, type WatermarkEntry, type WatermarkTrackerOptions } from '../../../../streams/windows/index.ts';

/** A processing-time clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

type Options = WatermarkTrackerOptions<WatermarkEntry>;

/** A tracker over sources `a` and `b` with a fresh store and clock, loaded as at a batch's start. */
function trackerOf(overrides: Partial<Options> = {}) {
  const clock = manualClock();
  const store = new KeyValueStore<WatermarkEntry>('sales');
  const options: Options = { store, sources: ['a', 'b'], maxOutOfOrderMs: 1_000, idleTimeoutMs: 10_000, now: clock.now, ...overrides };
  const tracker = new WatermarkTracker(options);
  tracker.load();
  return { tracker, store, clock };
}

/** As `trackerOf`, with `a` heard from at 100 s and `b` at 40 s. */
function bothHeardFrom() {
  const made = trackerOf();
  made.tracker.observe('a', 100_000);
  made.tracker.observe('b', 40_000);
  return made;
}

describe('WatermarkTracker', () => {
  it('is the lowest high event time over the sources minus the allowed out-of-orderness', () => {
    const { tracker } = bothHeardFrom();
    assert.equal(tracker.watermark(), 39_000);
    tracker.observe('b', 30_000); // out of order: a source's high event time holds
    assert.equal(tracker.watermark(), 39_000);
    tracker.observe('b', 120_000);
    assert.equal(tracker.watermark(), 99_000);
  });

  it('has no watermark while a source it waits for has not been heard from, and ignores others', () => {
    const { tracker } = trackerOf();
    tracker.observe('a', 100_000);
    tracker.observe('elsewhere', 200_000);
    assert.equal(tracker.watermark(), NO_WATERMARK);
  });

  it('stops waiting for a source silent longer than the idle timeout, even one never heard from', () => {
    const { tracker, clock } = trackerOf();
    clock.advance(10_000);
    tracker.observe('a', 100_000);
    assert.equal(tracker.watermark(), NO_WATERMARK, 'exactly the timeout is not yet idle');
    clock.advance(1);
    assert.equal(tracker.watermark(), 99_000);
  });

  it('waits for every source when all are silent', () => {
    const { tracker, clock } = bothHeardFrom();
    clock.advance(60_000);
    assert.equal(tracker.watermark(), 39_000);
  });

  it('goes back when a silent source wakes behind: closed windows are the step’s to remember', () => {
    const { tracker, clock } = bothHeardFrom();
    clock.advance(10_001);
    tracker.observe('a', 150_000);
    assert.equal(tracker.watermark(), 149_000);
    tracker.observe('b', 45_000);
    assert.equal(tracker.watermark(), 44_000);
  });

  it('keeps high event times in its store, and rebuilds the watermark from the changelog', () => {
    const { tracker, store, clock } = bothHeardFrom();
    clock.advance(10_001);
    tracker.observe('a', 150_000);
    tracker.save();
    const changelog = store.drainChanges();
    assert.deepEqual(changelog, [[WATERMARK_KEY, { kind: 'watermark', sources: { a: 150_000, b: 40_000 } }]]);

    // The next owner restores the store after building its step; every source counts as active again.
    const next = trackerOf();
    for (const [key, value] of changelog) next.store.restore(key, value);
    next.tracker.load();
    assert.equal(next.tracker.watermark(), 39_000);
  });

  it('stops waiting for a source at the end of its input, and is at the end once every source is', () => {
    const { tracker, store, clock } = bothHeardFrom();
    clock.advance(10_001);
    tracker.observe('b', END_OF_INPUT);
    assert.equal(tracker.watermark(), 99_000, 'b no longer holds a back, nor is it an active source that lets idle a go');
    tracker.observe('a', END_OF_INPUT);
    assert.equal(tracker.watermark(), END_OF_INPUT);

    // Through the changelog (JSON, which has no infinity) and a restart, the sources stay done.
    tracker.save();
    const next = trackerOf();
    for (const [key, value] of store.drainChanges()) next.store.restore(key, JSON.parse(JSON.stringify(value)) as WatermarkEntry);
    next.tracker.load();
    assert.equal(next.tracker.watermark(), END_OF_INPUT);
  });

  it('validates its options', () => {
    const { store } = trackerOf();
    const valid: Options = { store, sources: ['a'], maxOutOfOrderMs: 0, idleTimeoutMs: 1, now: Date.now };
    const invalid: [Partial<Record<keyof Options, unknown>>, string][] = [
      [{ maxOutOfOrderMs: -1 }, 'maxOutOfOrderMs'],
      [{ idleTimeoutMs: 1.5 }, 'idleTimeoutMs'],
      [{ sources: [] }, 'sources'],
      [{ sources: [''] }, 'sources.0'],
      [{ now: 5 }, 'now'],
    ];
    for (const [override, path] of invalid) {
      assert.throws(
        () => new WatermarkTracker({ ...valid, ...override } as Options),
        (e) => e instanceof InvalidOptionError && e.problems[0]?.path === path,
        path,
      );
    }
  });
});
