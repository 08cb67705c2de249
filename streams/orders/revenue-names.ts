/**
 * What the windowed revenue is called for one window size: the sub-topology, its step and its
 * store (hence the changelog topic), and the metric of its output records. The same size always
 * gives the same names, since a changelog topic found under another name would not be restored.
 */
export interface RevenueNames {
  /** `revenue-per-day`, `revenue-per-minute`, `revenue-per-5-minutes`. */
  readonly windows: string;
  /** `revenue_per_day_by_category_country_currency`: the metric of the WindowAggregate records. */
  readonly metric: string;
}

const UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

export function revenueNames(windowMs: number): RevenueNames {
  const period = periodName(windowMs);
  return { windows: `revenue-per-${period}`, metric: `revenue_per_${period.replaceAll('-', '_')}_by_category_country_currency` };
}

/** `day` for one day, `5-minutes` for five, `1500-ms` when no unit divides the size: exact, never rounded. */
function periodName(ms: number): string {
  for (const [unit, size] of UNITS) if (ms % size === 0) return ms === size ? unit : `${ms / size}-${unit}s`;
  return `${ms}-ms`;
}
