import { z } from 'zod';
import type { Accumulator } from './accumulator.ts';
import { finiteNumber, parseState } from './checked-values.ts';

const extremumState = z.number().nullable();

const pick = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** Largest value added; null before the first. */
export function max(): Accumulator<number | null, number | null> {
  return {
    kind: 'max',
    init: () => null,
    add: (state, value) => pick(state, finiteNumber('max', value)),
    merge: pick,
    result: (state) => state,
    toJSON: (state) => state,
    fromJSON: (json) => parseState('max', extremumState, json),
  };
}
