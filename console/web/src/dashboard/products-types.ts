/** The Products dashboard's stream (console/server pushes, console/web draws): price-kpis.ts's rows. Types only. */
import type { DashboardRange, Figures } from './dashboard-types.ts';

export type PriceSummary = { readonly category: string; readonly currency: string; readonly averagePriceMinor: number | null; readonly quantilesMinor: readonly number[] } & Figures<'products' | 'pricedListings'>;
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
}
