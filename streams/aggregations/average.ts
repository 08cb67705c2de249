import { z } from 'zod';
import type { Accumulator } from './accumulator.ts';
import { exactSum, parseState, safeInteger } from './checked-values.ts';

export interface AverageState {
  readonly sum: number;
  readonly count: number;
}

const averageState = z.strictObject({
  sum: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  count: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});

/**
 * Mean of whole numbers, kept as an exact sum and count so that merging halves gives the same
 * mean as one pass. The result is sum / count as a double (null when empty); rounding to the
 * output's unit is the caller's choice.
 */
export function average(): Accumulator<AverageState, number | null> {
  return {
    kind: 'average',
    init: () => ({ sum: 0, count: 0 }),
    add: (state, value) => ({ sum: exactSum('average', state.sum, safeInteger('average', value)), count: state.count + 1 }),
    merge: (a, b) => ({ sum: exactSum('average', a.sum, b.sum), count: a.count + b.count }),
    result: (state) => (state.count === 0 ? null : state.sum / state.count),
    toJSON: (state) => ({ sum: state.sum, count: state.count }),
    fromJSON: (json) => parseState('average', averageState, json),
  };
}
