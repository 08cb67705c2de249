import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AggregationError, InvalidOptionError } from '../../../../errors/index.ts';
import { quantiles, type Accumulator } from '../../../../streams/aggregations/index.ts';
import { seededRandom, type SeededRandom } from '../../../support/seeded-random.ts';

function fold<S, R>(acc: Accumulator<S, R>, values: readonly number[], from: S = acc.init()): S {
  return values.reduce((s, v) => acc.add(s, v), from);
}
const roundTrip = <S, R>(acc: Accumulator<S, R>, state: S): S => acc.fromJSON(JSON.parse(JSON.stringify(acc.toJSON(state))));

/** The exact value at the rank the sketch estimates: the floor(q * (n - 1))-th smallest. */
const exactAt = (sorted: readonly number[], q: number): number => sorted[Math.floor(q * (sorted.length - 1))] as number;

/** How far, in rank, `value` is from quantile q of `sorted` (0 when some tie at `value` sits at q). */
function rankError(sorted: readonly number[], value: number, q: number): number {
  const below = sorted.filter((x) => x < value).length / sorted.length;
  const atOrBelow = sorted.filter((x) => x <= value).length / sorted.length;
  return q < below ? below - q : q > atOrBelow ? q - atOrBelow : 0;
}

const levels = [0, 0.5, 0.9, 0.99, 1];
const distributions: Record<string, (rnd: SeededRandom) => number> = {
  // Order totals in minor units: log-normal-ish, from a few cents to thousands.
  money: (rnd) => Math.round(Math.exp(4 + 6 * rnd.next() + 2 * rnd.next())),
  uniform: (rnd) => rnd.int(1, 1000),
  smallIntegersWithOnes: (rnd) => rnd.int(0, 5),
  signed: (rnd) => rnd.int(-20_000, 20_000),
  fractions: (rnd) => rnd.next() * 5,
};

describe('quantiles', () => {
  const acc = quantiles(levels);

  for (const [name, draw] of Object.entries(distributions)) {
    it(`keeps every estimate within 1% of the exact value at its rank (${name})`, () => {
      const rnd = seededRandom(31);
      for (let round = 0; round < 20; round++) {
        const xs = Array.from({ length: rnd.int(1, 5000) }, () => draw(rnd));
        const sorted = [...xs].sort((a, b) => a - b);
        for (const { permille, value } of acc.result(fold(acc, xs))) {
          const exact = exactAt(sorted, permille / 1000);
          assert.ok(Math.abs(value - exact) <= 0.01 * Math.abs(exact) + 1e-9, `seed ${rnd.seed} round ${round} p${permille / 10}: ${value} vs ${exact}`);
        }
      }
    });
  }

  it('lands p50, p90 and p99 of 10,000 order totals within 1% of rank', () => {
    const rnd = seededRandom(77);
    const xs = Array.from({ length: 10_000 }, () => (distributions.money as (r: SeededRandom) => number)(rnd));
    const sorted = [...xs].sort((a, b) => a - b);
    const result = quantiles([0.5, 0.9, 0.99]).result(fold(acc, xs));
    assert.deepEqual(result.map((r) => r.permille), [500, 900, 990]);
    for (const { permille, value } of result) {
      assert.ok(rankError(sorted, value, permille / 1000) <= 0.01, `p${permille / 10}: ${value}, rank error ${rankError(sorted, value, permille / 1000)}`);
    }
  });

  it('merges any split, negatives and zeros included, into exactly the one-pass state', () => {
    const rnd = seededRandom(55);
    for (let round = 0; round < 50; round++) {
      const draw = Object.values(distributions)[round % 5] as (r: SeededRandom) => number;
      const xs = Array.from({ length: rnd.int(0, 3000) }, () => (rnd.next() < 0.1 ? 0 : rnd.next() < 0.5 ? -draw(rnd) : draw(rnd)));
      const i = rnd.int(0, xs.length);
      const j = rnd.int(i, xs.length);
      const a = fold(acc, xs.slice(0, i));
      const b = fold(acc, xs.slice(i, j));
      const c = fold(acc, xs.slice(j));
      const whole = fold(acc, xs);
      const merged = acc.merge(acc.merge(a, b), c);
      assert.deepEqual(acc.toJSON(merged), acc.toJSON(whole), `seed ${rnd.seed} round ${round}`);
      assert.deepEqual(acc.result(merged), acc.result(whole));
      assert.deepEqual(acc.result(acc.merge(c, acc.merge(b, a))), acc.result(whole));
    }
  });

  it('leaves merge inputs untouched', () => {
    const a = fold(acc, [1, 2, 3]);
    const before = JSON.stringify(acc.toJSON(a));
    acc.merge(a, fold(acc, [-5, 100]));
    assert.equal(JSON.stringify(acc.toJSON(a)), before);
  });

  it('restores from JSON to the same results and keeps adding as if never stopped', () => {
    const rnd = seededRandom(66);
    const xs = Array.from({ length: 4000 }, () => (rnd.next() < 0.2 ? -rnd.int(0, 50) : rnd.int(0, 90_000)));
    const restored = roundTrip(acc, fold(acc, xs.slice(0, 1500)));
    assert.deepEqual(acc.result(restored), acc.result(fold(acc, xs.slice(0, 1500))));
    const resumed = fold(acc, xs.slice(1500), restored);
    assert.deepEqual(acc.result(resumed), acc.result(fold(acc, xs)));
    assert.deepEqual(acc.toJSON(resumed), acc.toJSON(fold(acc, xs)));
  });

  it('has no quantiles before the first value, and exact ones for a single value', () => {
    assert.deepEqual(acc.result(acc.init()), []);
    assert.deepEqual(acc.result(roundTrip(acc, acc.init())), []);
    assert.deepEqual(quantiles([0.5, 0.9]).result(fold(acc, [51_005])), [
      { permille: 500, value: 51_005 },
      { permille: 900, value: 51_005 },
    ]);
  });

  it('refuses bad quantiles, options, values and foreign state', () => {
    const option = (e: unknown) => e instanceof InvalidOptionError;
    assert.throws(() => quantiles([]), option);
    assert.throws(() => quantiles([1.5]), option);
    assert.throws(() => quantiles([0.9995]), option);
    assert.throws(() => quantiles([0.5], { relativeAccuracy: 0 }), option);
    assert.throws(() => acc.add(acc.init(), '12'), (e) => e instanceof AggregationError && e.code === 'AGGREGATE_VALUE_INVALID');
    const coarse = quantiles(levels, { relativeAccuracy: 0.05 });
    assert.throws(
      () => acc.fromJSON(coarse.toJSON(fold(coarse, [1, 2, 3]))),
      (e) => e instanceof AggregationError && e.code === 'AGGREGATE_STATE_INVALID' && /relative accuracy 0.05/.test(e.message),
    );
    assert.throws(() => acc.fromJSON({ zeroCount: 1 }), AggregationError);
  });
});
