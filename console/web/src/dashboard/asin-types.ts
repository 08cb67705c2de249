/** The ASIN page's stream (console/server pushes, console/web draws): asin-kpis.ts's rows. Types only. */
import type { DashboardRange, Figures, Place } from './dashboard-types.ts';

export type AsinPrice = Place & { readonly currency: string } & Figures<'observations' | 'firstMinor' | 'lastMinor' | 'lowestMinor' | 'highestMinor' | 'averageMinor'>;
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
}
