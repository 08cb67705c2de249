import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidOptionError } from '../../../../errors/index.ts';
import { hopping, windowContains } from '../../../../streams/windows/index.ts';
import { seededRandom } from '../../../support/seeded-random.ts';

describe('hopping windows', () => {
  it('puts a timestamp in size / advance overlapping windows, by ascending start', () => {
    const w = hopping({ sizeMs: 60_000, advanceMs: 15_000 });
    assert.deepEqual(w.assignWindows(60_000), [
      { start: 15_000, end: 75_000 },
      { start: 30_000, end: 90_000 },
      { start: 45_000, end: 105_000 },
      { start: 60_000, end: 120_000 },
    ]);
    assert.deepEqual(
      w.assignWindows(59_999).map((x) => x.start),
      [0, 15_000, 30_000, 45_000],
    );
  });

  it('with advance equal to size behaves as tumbling', () => {
    assert.deepEqual(hopping({ sizeMs: 10, advanceMs: 10 }).assignWindows(-3), [{ start: -10, end: 0 }]);
  });

  it('assigns exactly the windows k * advance that contain the timestamp (direct enumeration)', () => {
    const rnd = seededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const advanceMs = rnd.int(1, 50);
      const sizeMs = rnd.int(advanceMs, 200);
      const t = rnd.int(-5000, 5000);
      const expected = [];
      for (let k = Math.floor((t - sizeMs) / advanceMs) - 1; k * advanceMs <= t; k++) {
        const window = { start: k * advanceMs, end: k * advanceMs + sizeMs };
        if (windowContains(window, t)) expected.push(window);
      }
      const got = hopping({ sizeMs, advanceMs }).assignWindows(t);
      assert.deepEqual(got, expected, `seed ${rnd.seed}: t=${t} size=${sizeMs} advance=${advanceMs}`);
      assert.ok(got.length === Math.floor(sizeMs / advanceMs) || got.length === Math.ceil(sizeMs / advanceMs));
    }
  });

  it('rejects an advance larger than the size, and non-positive values', () => {
    assert.throws(
      () => hopping({ sizeMs: 10, advanceMs: 11 }),
      (e) => e instanceof InvalidOptionError && e.problems.some((p) => p.path === 'advanceMs') && /must not exceed sizeMs/.test(e.message),
    );
    assert.throws(() => hopping({ sizeMs: 10, advanceMs: 0 }), InvalidOptionError);
    assert.throws(() => hopping({ sizeMs: -10, advanceMs: -20 }), InvalidOptionError);
  });
});
