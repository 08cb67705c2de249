import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregationError } from '../../../../errors/index.ts';
import { average, count, max, min, sum, type Accumulator } from '../../../../streams/aggregations/index.ts';
import { seededRandom, type SeededRandom } from '../../../support/seeded-random.ts';

function fold<S, R>(acc: Accumulator<S, R>, values: readonly number[], from: S = acc.init()): S {
  return values.reduce((s, v) => acc.add(s, v), from);
}

/** Through a changelog: JSON bytes and back. */
function roundTrip<S, R>(acc: Accumulator<S, R>, state: S): S {
  return acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(state))));
}

const values = (rnd: SeededRandom): number[] =>
  Array.from({ length: rnd.int(0, 300) }, () => (rnd.next() < 0.5 ? rnd.int(-5_000_000, 5_000_000) : rnd.int(0, 100)));

const cases: readonly { name: string; acc: Accumulator<unknown, unknown>; direct: (xs: readonly number[]) => unknown }[] = [
  { name: 'count', acc: count(), direct: (xs) => xs.length },
  { name: 'sum', acc: sum(), direct: (xs) => xs.reduce((a, b) => a + b, 0) },
  { name: 'min', acc: min(), direct: (xs) => (xs.length === 0 ? null : Math.min(...xs)) },
  { name: 'max', acc: max(), direct: (xs) => (xs.length === 0 ? null : Math.max(...xs)) },
  { name: 'average', acc: average(), direct: (xs) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length) },
];

describe('exact accumulators', () => {
  for (const { name, acc, direct } of cases) {
    describe(name, () => {
      it('equals a direct computation over generated data', () => {
        const rnd = seededRandom(101);
        for (let round = 0; round < 300; round++) {
          const xs = values(rnd);
          assert.deepEqual(acc.result(fold(acc, xs)), direct(xs), `seed ${rnd.seed} round ${round}`);
        }
      });

      it('merges any split into exactly the result over the whole, associatively', () => {
        const rnd = seededRandom(202);
        for (let round = 0; round < 300; round++) {
          const xs = values(rnd);
          const i = rnd.int(0, xs.length);
          const j = rnd.int(i, xs.length);
          const [a, b, c] = [xs.slice(0, i), xs.slice(i, j), xs.slice(j)].map((part) => fold(acc, part));
          const whole = acc.result(fold(acc, xs));
          assert.deepEqual(acc.result(acc.merge(a, acc.merge(b, c))), whole, `seed ${rnd.seed} round ${round}`);
          assert.deepEqual(acc.result(acc.merge(acc.merge(a, b), c)), whole);
          assert.deepEqual(acc.result(acc.merge(c, acc.merge(a, b))), whole);
        }
      });

      it('restores from JSON to the same result and keeps adding', () => {
        const rnd = seededRandom(303);
        for (let round = 0; round < 100; round++) {
          const xs = values(rnd);
          const i = rnd.int(0, xs.length);
          const restored = roundTrip(acc, fold(acc, xs.slice(0, i)));
          assert.deepEqual(acc.result(restored), direct(xs.slice(0, i)));
          assert.deepEqual(acc.result(fold(acc, xs.slice(i), restored)), direct(xs), `seed ${rnd.seed} round ${round}`);
        }
      });

      it('refuses stored state it did not write', () => {
        for (const junk of [undefined, 'x', { sum: 'x' }, [1], Number.NaN]) {
          assert.throws(() => acc.fromJSON(junk), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_STATE_INVALID' && e.accumulator === name);
        }
      });
    });
  }

  it('keeps sums of money exact up to 2^53 and throws a typed overflow past it', () => {
    const s = sum();
    const nearTop = s.add(s.init(), Number.MAX_SAFE_INTEGER - 10);
    assert.equal(s.add(nearTop, 10), Number.MAX_SAFE_INTEGER);
    assert.throws(() => s.add(nearTop, 11), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_OVERFLOW' && !e.retriable);
    assert.throws(() => s.merge(nearTop, nearTop), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_OVERFLOW');
    assert.throws(() => average().merge({ sum: Number.MAX_SAFE_INTEGER, count: 1 }, { sum: 1, count: 1 }), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_OVERFLOW');
  });

  it('refuses values it cannot add exactly', () => {
    const invalid = (e: unknown) => e instanceof AggregationError && e.code === 'AGGREGATE_VALUE_INVALID';
    assert.throws(() => sum().add(0, 12.5), invalid);
    assert.throws(() => sum().add(0, '12'), invalid);
    assert.throws(() => average().add({ sum: 0, count: 0 }, 2 ** 60), invalid);
    assert.throws(() => min().add(null, Number.NaN), invalid);
    assert.throws(() => max().add(null, 'B0DR8G428S'), invalid);
    assert.equal(min().add(4.25, -0.5), -0.5, 'min and max take fractions');
    assert.equal(count().add(0, 'anything'), 1, 'count takes any value');
  });
});
