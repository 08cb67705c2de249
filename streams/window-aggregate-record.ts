import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import type { WindowResult } from './window-aggregate.ts';

/** A metric's statistics over one window, in `unit`; avg is derived, rounded half away from zero. */
export interface WindowStatistics {
  readonly metric: string;
  readonly unit: WindowAggregate['unit'];
  readonly currency: string | null;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** Estimated quantiles, by ascending permille; none when the metric keeps them not. */
  readonly quantiles?: WindowAggregate['quantiles'];
}

/** A tumbling window's result as a WindowAggregate record of one metric, keyed by the window's group; emitted_at is the window's end, so a replay emits the same record. */
export function windowAggregateRecord(w: WindowResult<unknown>, stats: WindowStatistics): WindowAggregate {
  return {
    ...stats,
    quantiles: stats.quantiles ?? [],
    key: w.group,
    window_kind: 'TUMBLING',
    window_start: w.window.start,
    window_end: w.window.end,
    avg: Math.sign(stats.sum) * Math.round(Math.abs(stats.sum) / stats.count),
    distinct_count: null,
    is_final: w.final,
    emitted_at: w.window.end,
  };
}
