/** The Products dashboard's stream (console/server pushes, console/web draws): price-kpis.ts's rows. Types only. */
import type { DashboardRange, Figures, WindowClock, WindowMarks } from './dashboard-types.ts';

/** A category's figures over the range's hours, marked as final as its latest hour, corrected when a late listing changed one. */
export type PriceSummary = {
  readonly category: string;
  readonly currency: string;
  readonly averagePriceMinor: number | null;
  readonly quantilesMinor: readonly number[];
  readonly marks: WindowMarks;
} & Figures<'products' | 'pricedListings'>;
export type PriceBucket = { readonly category: string; readonly currency: string } & Figures<'bucketMinor' | 'products'>;

export interface ProductsSnapshot {
  readonly range: DashboardRange;
  /** The levels of each summary's quantilesMinor. */
  readonly quantileLevels: readonly number[];
  readonly summary: readonly PriceSummary[];
  readonly buckets: readonly PriceBucket[];
  /** Distinct products per category, most first. */
  readonly categories: readonly ({ readonly category: string } & Figures<'products'>)[];
  readonly choices: { readonly categories: readonly string[]; readonly currencies: readonly string[] };
  /** What the hour windows' marks were judged against: the listings' latest event time. */
  readonly clock: WindowClock;
}
