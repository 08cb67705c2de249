import { DDSketch } from '@datadog/sketches-js';
import { z } from 'zod';
import { AggregationError } from '../../errors/index.ts';
import { parseOptions } from '../parse-options.ts';
import type { Accumulator } from './accumulator.ts';
import { finiteNumber, parseState } from './checked-values.ts';

export interface QuantilesOptions {
  /** Every estimate is within this fraction of the exact value at its rank (default 0.01). */
  readonly relativeAccuracy?: number;
}

/** One estimated quantile; `permille` as in the window-aggregate schema (900 is p90). */
export interface QuantileValue {
  readonly permille: number;
  readonly value: number;
}

type Store = DDSketch['store'];

const levelsSchema = z
  .array(z.number().min(0).max(1).refine((q) => Number.isInteger(Math.round(q * 1e6) / 1e3), 'quantiles are whole permille: 0.5, 0.9, 0.999'))
  .nonempty();
const optionsSchema = z.strictObject({ relativeAccuracy: z.number().gt(0).lt(1).default(0.01) });

const binsSchema = z.strictObject({ offset: z.number().int(), counts: z.array(z.number().int().nonnegative()) });
const stateSchema = z.strictObject({
  relativeAccuracy: z.number(),
  zeroCount: z.number().int().nonnegative(),
  positive: binsSchema,
  negative: binsSchema,
  min: z.number().nullable(),
  max: z.number().nullable(),
});
type Bins = z.infer<typeof binsSchema>;

/** Non-empty bins from the lowest to the highest used key, whatever the store's internal layout. */
function binsOf(store: Store): Bins {
  if (store.count === 0) return { offset: 0, counts: [] };
  return { offset: store.minKey, counts: store.bins.slice(store.minKey - store.offset, store.maxKey - store.offset + 1) };
}

function addBins(store: Store, { offset, counts }: Bins): void {
  counts.forEach((n, i) => {
    if (n > 0) store.add(offset + i, n);
  });
}

/**
 * Estimated quantiles (p50, p90, p99, ...) from a DDSketch (@datadog/sketches-js): values fall in
 * logarithmic bins, so the state is a list of counts and adding, merging and restoring are exact
 * and order-independent. A t-digest was the first choice, but the `tdigest` package shuffles
 * centroids with Math.random when it compresses (the same 200,000 rising values gave different
 * p50s run to run) and a merged digest depends on merge order: results could change across a
 * restart or a rebalance, which exactly-once windows must not.
 *
 * Merging and serializing go through bins and `store.add` rather than the package's `merge` and
 * protobuf: in 2.1.1 `merge` drops the other sketch's negative values and loses track of its
 * highest bin when that is key 0 (values near 1); `toProto` needs protobufjs, which the package
 * does not declare, and `fromProto` drops min and max.
 */
export function quantiles(levels: readonly number[], opts: QuantilesOptions = {}): Accumulator<DDSketch, QuantileValue[]> {
  const permilles = [...new Set(parseOptions('quantiles', levelsSchema, levels).map((q) => Math.round(q * 1000)))].sort((a, b) => a - b);
  const { relativeAccuracy } = parseOptions('quantiles', optionsSchema, opts);

  const mergeInto = (target: DDSketch, source: DDSketch): void => {
    if (source.count === 0) return;
    addBins(target.store, binsOf(source.store));
    addBins(target.negativeStore, binsOf(source.negativeStore));
    target.zeroCount += source.zeroCount;
    target.count += source.count;
    target.sum += source.sum;
    target.min = Math.min(target.min, source.min);
    target.max = Math.max(target.max, source.max);
  };

  return {
    kind: 'quantiles',
    init: () => new DDSketch({ relativeAccuracy }),
    add(state, value) {
      state.accept(finiteNumber('quantiles', value));
      return state;
    },
    merge(a, b) {
      const merged = new DDSketch({ relativeAccuracy });
      mergeInto(merged, a);
      mergeInto(merged, b);
      return merged;
    },
    result(state) {
      if (state.count === 0) return [];
      // Exact min and max are kept, so no estimate needs to fall outside them.
      const clamp = (v: number): number => Math.min(state.max, Math.max(state.min, v));
      return permilles.map((permille) => ({ permille, value: clamp(state.getValueAtQuantile(permille / 1000)) }));
    },
    toJSON: (state) => ({
      relativeAccuracy,
      zeroCount: state.zeroCount,
      positive: binsOf(state.store),
      negative: binsOf(state.negativeStore),
      min: state.count === 0 ? null : state.min,
      max: state.count === 0 ? null : state.max,
    }),
    fromJSON(json) {
      const stored = parseState('quantiles', stateSchema, json);
      if (stored.relativeAccuracy !== relativeAccuracy) {
        throw new AggregationError('AGGREGATE_STATE_INVALID', 'quantiles', `state was kept at relative accuracy ${stored.relativeAccuracy}, this accumulator uses ${relativeAccuracy}`);
      }
      const sketch = new DDSketch({ relativeAccuracy });
      addBins(sketch.store, stored.positive);
      addBins(sketch.negativeStore, stored.negative);
      sketch.zeroCount = stored.zeroCount;
      sketch.count = sketch.store.count + sketch.negativeStore.count + stored.zeroCount;
      if (stored.min !== null && stored.max !== null) {
        sketch.min = stored.min;
        sketch.max = stored.max;
      }
      return sketch;
    },
  };
}
