/** The Top movers dashboard's stream (console/server pushes, console/web draws): top-movers.ts's rows. Types only. */
import type { AsinRating } from './asin-types.ts';
import type { DashboardRange, Figures, Place, WindowClock, WindowMarks } from './dashboard-types.ts';

/** One ASIN's move within an hour: its first and last rank (or price, minor units), and last - first; marked by its hour's window. */
export type Mover = Place & { readonly asin: string; readonly currency: string; readonly marks: WindowMarks } & Figures<'first' | 'last' | 'change'>;

export interface MoversSnapshot {
  readonly range: DashboardRange;
  /** The most movers listed per hour. */
  readonly perHour: number;
  /** Latest hour first. */
  readonly byRank: readonly Mover[];
  readonly byPrice: readonly Mover[];
  /** The rating per hour of the biggest movers. */
  readonly ratings: readonly { readonly asin: string; readonly points: readonly AsinRating[] }[];
  /** What the movers' marks were judged against: the enriched observations' latest event time. */
  readonly clock: WindowClock;
}
