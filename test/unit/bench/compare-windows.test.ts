import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWindows, type WindowFigures } from '../../../bench/kafka-streams/compare-windows.ts';

const MINUTE = 60_000;

const figures = (start: number, overrides: Partial<WindowFigures> = {}): WindowFigures => ({
  window_start: start,
  window_end: start + MINUTE,
  count: 3,
  sum: 3000,
  min: 500,
  max: 1500,
  avg: 1000,
  distinct_count: 2,
  p500: 1000,
  p900: 1500,
  p990: 1500,
  ...overrides,
});

const windows = (...entries: [string, WindowFigures][]) => new Map(entries);

describe('compareWindows', () => {
  it('matches equal windows and counts the peer windows past the last one ours closed as open in ours', () => {
    const ours = windows(['Books|India|INR|0', figures(0)], ['Books|India|INR|60000', figures(MINUTE)]);
    const peer = windows(['Books|India|INR|0', figures(0)], ['Books|India|INR|60000', figures(MINUTE)], ['Books|India|INR|120000', figures(2 * MINUTE)]);
    assert.deepEqual(compareWindows(ours, peer), { match: true, compared: 2, openInOurs: 1, estimatedDistinct: 0, differenceCount: 0, differences: [] });
  });

  it('names each field that differs, a window only ours has and a closed window only the peer has', () => {
    const ours = windows(['Books|India|INR|0', figures(0)], ['Toys|India|INR|0', figures(0)], ['Books|India|INR|60000', figures(MINUTE)]);
    const peer = windows(['Books|India|INR|0', figures(0, { sum: 3001, p990: 1490 })], ['Toys|Japan|JPY|0', figures(0)], ['Books|India|INR|60000', figures(MINUTE)]);
    const result = compareWindows(ours, peer);
    assert.equal(result.differenceCount, 3);
    assert.deepEqual(result.differences, [
      'Books|India|INR|0: sum ours 3000 peer 3001, p990 ours 1500 peer 1490',
      'Toys|India|INR|0: only in ours',
      'Toys|Japan|JPY|0: only in the peer',
    ]);
  });

  it('leaves out distinct counts ours estimated, and nothing matches when ours closed no window', () => {
    const big = figures(0, { count: 5000, distinct_count: 1200 });
    const result = compareWindows(windows(['Books|India|INR|0', big]), windows(['Books|India|INR|0', { ...big, distinct_count: 1187 }]));
    assert.deepEqual({ match: result.match, estimatedDistinct: result.estimatedDistinct }, { match: true, estimatedDistinct: 1 });
    assert.equal(compareWindows(new Map(), windows(['Books|India|INR|0', figures(0)])).match, false);
  });
});
