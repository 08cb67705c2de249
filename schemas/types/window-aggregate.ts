// Generated from schemas/avro/window-aggregate.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** Statistics of one metric for one key over one time window. Every statistic is an integer in `unit` (money in minor units of `currency`), so sums stay exact. A record with is_final false is superseded by later records of the same metric, key and window. Key: metric, key and window_start as the Avro string schema, joined by '|'. */
export interface WindowAggregate {
  /** Name of the aggregation, such as revenue_by_category */
  metric: string;
  /** Group within the metric (a category, an ASIN, a seller id); empty for a metric over everything */
  key: string;
  /** How windows are cut */
  window_kind: WindowKind;
  /** Start of the window, inclusive (event time) */
  window_start: number;
  /** End of the window, exclusive (event time) */
  window_end: number;
  /** Unit of sum, min, max, avg and the quantile values (MINOR_UNITS: minor units of currency; RATING_X100: stars times 100) */
  unit: MeasureUnit;
  /** ISO 4217 code when unit is MINOR_UNITS, else null */
  currency: string | null;
  /** Number of events in the window (windows are emitted only with at least one) */
  count: number;
  /** Sum of the measured values */
  sum: number;
  /** Smallest measured value */
  min: number;
  /** Largest measured value */
  max: number;
  /** sum / count, rounded half away from zero to a whole unit */
  avg: number;
  /** Distinct entities the metric counts (such as customers), estimated with HyperLogLog; null when the metric counts none */
  distinct_count: number | null;
  /** Estimated quantiles, by ascending permille; empty when the metric keeps none */
  quantiles: Quantile[];
  /** True when the window is closed and no later record will change it */
  is_final: boolean;
  /** When this record was emitted (processing time) */
  emitted_at: number;
}

/** Shape of the window; UNKNOWN stands for any shape this reader does not know yet */
export type WindowKind = 'UNKNOWN' | 'TUMBLING' | 'HOPPING' | 'SLIDING' | 'SESSION';

/** What one unit of a statistic is; UNKNOWN stands for any unit this reader does not know yet */
export type MeasureUnit = 'UNKNOWN' | 'COUNT' | 'MINOR_UNITS' | 'ITEMS' | 'RATING_X100' | 'RANK';

/** One estimated quantile of the measured values */
export interface Quantile {
  /** Quantile in thousandths: 500 is the median, 950 the 95th percentile */
  permille: number;
  /** Estimated value at that quantile, in unit */
  value: number;
}
