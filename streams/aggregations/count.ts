import { z } from 'zod';
import type { Accumulator } from './accumulator.ts';
import { exactSum, parseState } from './checked-values.ts';

const countState = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Number of values added; the values themselves are ignored. */
export function count(): Accumulator<number, number> {
  return {
    kind: 'count',
    init: () => 0,
    add: (state) => state + 1,
    merge: (a, b) => exactSum('count', a, b),
    result: (state) => state,
    toJSON: (state) => state,
    fromJSON: (json) => parseState('count', countState, json),
  };
}
