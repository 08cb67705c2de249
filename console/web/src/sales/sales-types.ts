/** The Sales dashboard's stream: what console/server pushes and console/web draws. Types only. */

import type { DashboardRange, WindowClock, WindowMarks } from '../dashboard/dashboard-types.ts';

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
  /** The least final of the range's windows in this currency, and whether a late record corrected one. */
  readonly marks: WindowMarks;
}

export interface SalesSnapshot {
  readonly range: DashboardRange;
  readonly bucket: 'minute' | 'hour';
  readonly points: readonly SalesPoint[];
  readonly totals: readonly SalesTotals[];
  /** The values the filters may take within the range, whatever the filters. */
  readonly choices: { readonly categories: readonly string[]; readonly countries: readonly string[]; readonly currencies: readonly string[] };
  readonly clock: WindowClock;
  /** How many of the range's windows (buckets) are open, in grace and final. */
  readonly windows: Readonly<Record<'open' | 'grace' | 'final', number>>;
  /** The windows a late record changed after they were final, by currency. */
  readonly corrections: readonly { readonly bucketStartMs: number; readonly currency: string }[];
}
