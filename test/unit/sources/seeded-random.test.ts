import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from '../../../sources/seeded-random.ts';
import { WeightedChoice, zipfWeights } from '../../../sources/generator/weighted-choice.ts';

const draws = (random: SeededRandom, n: number): number[] => Array.from({ length: n }, () => random.next());

describe('SeededRandom', () => {
  it('gives the same stream for the same seed and another for another seed or fork', () => {
    assert.deepEqual(draws(new SeededRandom(42), 100), draws(new SeededRandom(42), 100));
    assert.notDeepEqual(draws(new SeededRandom(42), 100), draws(new SeededRandom(43), 100));
    assert.notDeepEqual(draws(new SeededRandom(42).fork(1), 100), draws(new SeededRandom(42).fork(2), 100));
    assert.deepEqual(draws(new SeededRandom(42).fork(1), 100), draws(new SeededRandom(42).fork(1), 100));
  });

  it('draws uniform, normal, log-normal and exponential values with the right moments', () => {
    const random = new SeededRandom(7);
    const n = 50_000;
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const uniform = draws(random, n);
    assert.ok(uniform.every((u) => u >= 0 && u < 1));
    assert.ok(Math.abs(mean(uniform) - 0.5) < 0.01);
    const normal = Array.from({ length: n }, () => random.normal());
    assert.ok(Math.abs(mean(normal)) < 0.02);
    assert.ok(Math.abs(mean(normal.map((x) => x * x)) - 1) < 0.03);
    const logNormal = Array.from({ length: n }, () => random.logNormal(Math.log(100), 0.5)).sort((a, b) => a - b);
    const median = logNormal[n / 2] ?? 0;
    assert.ok(Math.abs(median - 100) < 3, `median ${median}`);
    assert.ok(mean(logNormal) > median, 'log-normal is skewed right');
    assert.ok(Math.abs(mean(Array.from({ length: n }, () => random.exponential(4))) - 4) < 0.1);
    const ints = Array.from({ length: n }, () => random.int(1, 6));
    assert.deepEqual([...new Set(ints)].sort(), [1, 2, 3, 4, 5, 6]);
  });
});

describe('WeightedChoice', () => {
  it('draws items in proportion to their weights, Zipf weights included', () => {
    const random = new SeededRandom(3);
    const choice = new WeightedChoice(zipfWeights(['a', 'b', 'c', 'd'], 1));
    const counts = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const item = choice.sample(random);
      counts.set(item, (counts.get(item) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const harmonic = 1 + 1 / 2 + 1 / 3 + 1 / 4;
    for (const [k, item] of ['a', 'b', 'c', 'd'].entries()) {
      assert.ok(Math.abs((counts.get(item) ?? 0) / total - 1 / (k + 1) / harmonic) < 0.01, item);
    }
    assert.throws(() => new WeightedChoice([['x', 0]]));
    assert.throws(() => new WeightedChoice([]));
  });
});
