/** What every dashboard's stream carries besides its own figures: console/server pushes, console/web draws. Types only. */

export interface DashboardRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Where a KPI window stands against the watermark (the latest event time ClickHouse holds) and the
 * pipeline's grace: `open` while the watermark is before its end, `grace` until end + grace, then `final`.
 */
export type WindowState = 'open' | 'grace' | 'final';

/** A number's window state, and whether a late record changed it after it was final. */
export interface WindowMarks {
  readonly state: WindowState;
  readonly corrected: boolean;
}

/** What the marks were judged against: null when ClickHouse holds no event yet. */
export interface WindowClock {
  readonly watermarkMs: number | null;
  readonly graceMs: number;
}

/** The range choices offered besides an explicit from–to. */
export const LAST_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000, '30d': 30 * 24 * 3_600_000 } as const;
export type LastRange = keyof typeof LAST_RANGES;

/** Numbers named by K: the wire shape of a KPI row's figures. */
export type Figures<K extends string> = Readonly<Record<K, number>>;

/** Where a row of a per-ASIN KPI sits: its bucket and marketplace. */
export interface Place {
  readonly bucketStartMs: number;
  readonly marketplace: string;
}
