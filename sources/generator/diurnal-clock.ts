import type { SeededRandom } from '../seeded-random.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Relative shopping activity per hour of the day (local time, taken as UTC): a night trough, a
 * lunchtime bump and an evening peak, the shape e-commerce traffic reports show. Mean 1.
 */
const HOURLY = normalize([0.35, 0.22, 0.15, 0.12, 0.12, 0.18, 0.35, 0.6, 0.85, 1.0, 1.1, 1.2, 1.35, 1.3, 1.15, 1.1, 1.15, 1.3, 1.55, 1.8, 1.9, 1.7, 1.2, 0.7]);
const PEAK = Math.max(...HOURLY);

function normalize(weights: readonly number[]): number[] {
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  return weights.map((w) => w / mean);
}

/** Activity at an instant relative to the day's mean, interpolated between hours so it has no steps. */
export function diurnalIntensity(time: number): number {
  const hours = (((time % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  const hour = Math.floor(hours);
  const from = HOURLY[hour] ?? 1;
  const to = HOURLY[(hour + 1) % 24] ?? 1;
  return from + (to - from) * (hours - hour);
}

/**
 * Event times of a Poisson process whose rate follows the day (`ratePerSecond` on average):
 * candidates at the peak rate, each kept with probability intensity/peak (Lewis and Shedler's
 * thinning), which yields exactly the modulated process.
 */
export class DiurnalClock {
  readonly #random: SeededRandom;
  readonly #peakGapMs: number;
  #time: number;

  constructor(random: SeededRandom, start: number, ratePerSecond: number) {
    this.#random = random;
    this.#peakGapMs = 1000 / (ratePerSecond * PEAK);
    this.#time = start;
  }

  /** The next event time, in epoch milliseconds (whole ms, never decreasing). */
  next(): number {
    do this.#time += this.#random.exponential(this.#peakGapMs);
    while (!this.#random.chance(diurnalIntensity(this.#time) / PEAK));
    return Math.floor(this.#time);
  }
}
