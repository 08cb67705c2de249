import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventTimeError, InvalidOptionError } from '../../../../errors/index.ts';
import { tumbling } from '../../../../streams/windows/index.ts';
import { seededRandom } from '../../../support/seeded-random.ts';

const minute = 60_000;

describe('tumbling windows', () => {
  it('puts a window start in its own window and the end in the next (end exclusive)', () => {
    const w = tumbling({ sizeMs: minute });
    assert.deepEqual(w.assignWindows(3 * minute), [{ start: 3 * minute, end: 4 * minute }]);
    assert.deepEqual(w.assignWindows(4 * minute - 1), [{ start: 3 * minute, end: 4 * minute }]);
    assert.deepEqual(w.assignWindows(0), [{ start: 0, end: minute }]);
  });

  it('aligns on the epoch, also before 1970', () => {
    const w = tumbling({ sizeMs: minute });
    assert.deepEqual(w.assignWindows(-1), [{ start: -minute, end: 0 }]);
    assert.deepEqual(w.assignWindows(-minute), [{ start: -minute, end: 0 }]);
    const now = Date.UTC(2026, 0, 6, 9, 30, 17, 250);
    assert.deepEqual(w.assignWindows(now), [{ start: Date.UTC(2026, 0, 6, 9, 30), end: Date.UTC(2026, 0, 6, 9, 31) }]);
  });

  it('assigns every timestamp to exactly the one window containing it', () => {
    const rnd = seededRandom(11);
    for (let i = 0; i < 2000; i++) {
      const size = rnd.int(1, 100_000);
      const t = rnd.int(-1e13, 1e13);
      const [window, ...rest] = tumbling({ sizeMs: size }).assignWindows(t);
      assert.ok(window, `seed ${rnd.seed}`);
      assert.equal(rest.length, 0);
      assert.ok(window.start <= t && t < window.end && window.end - window.start === size && window.start % size === 0, `t=${t} size=${size}`);
    }
  });

  it('rejects sizes that are not positive whole milliseconds, up front', () => {
    for (const sizeMs of [0, -60_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => tumbling({ sizeMs }), (e) => e instanceof InvalidOptionError && e.problems[0]?.path === 'sizeMs');
    }
    assert.throws(() => tumbling({ sizeMs: 1000, advanceMs: 10 } as never), InvalidOptionError);
  });

  it('refuses an event time that is not whole epoch milliseconds', () => {
    const w = tumbling({ sizeMs: minute });
    for (const t of [Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      assert.throws(() => w.assignWindows(t), (e) => e instanceof EventTimeError && Object.is(e.eventTime, t));
    }
  });
});
