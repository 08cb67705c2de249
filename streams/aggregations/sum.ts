import { z } from 'zod';
import type { Accumulator } from './accumulator.ts';
import { exactSum, parseState, safeInteger } from './checked-values.ts';

const sumState = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/**
 * Exact sum of whole numbers (money in minor units). Plain numbers, checked to stay within
 * 2^53, rather than bigint: they serialize as JSON and fit the Avro longs of the output, and
 * 2^53 minor units is far beyond any window's revenue. Past it the sum throws, never rounds.
 */
export function sum(): Accumulator<number, number> {
  return {
    kind: 'sum',
    init: () => 0,
    add: (state, value) => exactSum('sum', state, safeInteger('sum', value)),
    merge: (a, b) => exactSum('sum', a, b),
    result: (state) => state,
    toJSON: (state) => state,
    fromJSON: (json) => parseState('sum', sumState, json),
  };
}
