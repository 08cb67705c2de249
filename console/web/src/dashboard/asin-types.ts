/** The ASIN page's stream (console/server pushes, console/web draws): asin-kpis.ts's rows. Types only. */
import type { DashboardRange, Figures, Place, WindowClock, WindowMarks } from './dashboard-types.ts';

/** A bucket's prices, marked by its window. */
export type AsinPrice = Place & { readonly currency: string; readonly marks: WindowMarks } & Figures<'observations' | 'firstMinor' | 'lastMinor' | 'lowestMinor' | 'highestMinor' | 'averageMinor'>;
export type AsinRank = Place & Figures<'bestRank' | 'worstRank' | 'lastRank'>;
export type AsinRating = Place & Figures<'rating' | 'reviewVelocity' | 'reviewCountLast'>;
export type AsinEstimate = Place & { readonly currency: string } & Figures<'estimatedMonthlyRevenueMinor' | 'estimatedMonthlyUnits'>;
export type AsinReviewDay = { readonly day: string } & Figures<'reviews' | 'averageRating'>;

export interface AsinSnapshot {
  readonly asin: string;
  readonly range: DashboardRange;
  readonly bucket: 'hour' | 'day';
  readonly prices: readonly AsinPrice[];
  readonly ranks: readonly AsinRank[];
  readonly ratings: readonly AsinRating[];
  readonly estimates: readonly AsinEstimate[];
  readonly reviews: readonly AsinReviewDay[];
  /** The tiles' marks (absent for a tile without figures): last price, best rank, rating, new reviews, estimated revenue. */
  readonly marks: Readonly<Partial<Record<'lastPrice' | 'bestRank' | 'rating' | 'reviewVelocity' | 'estimatedRevenue', WindowMarks>>>;
  /** What the marks were judged against: the observations' and the product pages' latest event times. */
  readonly clocks: { readonly observations: WindowClock; readonly pages: WindowClock };
}
