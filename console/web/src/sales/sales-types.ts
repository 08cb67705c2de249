/** The Sales dashboard's stream: what console/server pushes and console/web draws. Types only. */

/** The view a page asks for, as it stands in the URL: a range (`last`, or `from` and `to`) and filters. */
export interface SalesViewQuery {
  readonly last?: string;
  readonly from?: string;
  readonly to?: string;
  readonly category?: string;
  readonly country?: string;
  readonly currency?: string;
}

/** One bucket of one category in one currency (amounts never mix currencies). */
export interface SalesPoint {
  readonly bucketStartMs: number;
  readonly category: string;
  readonly currency: string;
  readonly revenueMinor: number;
  readonly orders: number;
}

/** The whole range in one currency; unique customers counted exactly over the range. */
export interface SalesTotals {
  readonly currency: string;
  readonly revenueMinor: number;
  readonly orders: number;
  readonly averageOrderValueMinor: number;
  readonly uniqueCustomers: number;
}

export interface SalesSnapshot {
  readonly range: { readonly fromMs: number; readonly toMs: number };
  readonly bucket: 'minute' | 'hour';
  readonly points: readonly SalesPoint[];
  readonly totals: readonly SalesTotals[];
  /** The values the filters may take within the range, whatever the filters. */
  readonly choices: { readonly categories: readonly string[]; readonly countries: readonly string[]; readonly currencies: readonly string[] };
}

/** The range choices offered besides an explicit from–to; the default is the first. */
export const LAST_RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000, '7d': 7 * 24 * 3_600_000 } as const;
export type LastRange = keyof typeof LAST_RANGES;
