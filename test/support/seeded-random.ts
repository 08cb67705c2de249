import { SeededRandom } from '../../sources/seeded-random.ts';

export type { SeededRandom } from '../../sources/seeded-random.ts';

/** The sources' seeded generator, for property-style loops: a failure names its seed and replays the same data. */
export function seededRandom(seed: number): SeededRandom {
  return new SeededRandom(seed);
}
