import type { EnrichedObservation } from '../../schemas/types/enriched-observation.ts';

const HOUR = 3_600_000;

/** A movement window's figures, as compared: metric, key, window start, count, sum, min, max, currency. */
export type MovementFigures = Record<string, { count: number; sum: number; min: number; max: number; currency: string | null }>;

/** The price and rank figures per ASIN, marketplace, currency and hour, computed directly from enriched observations. */
export function expectedAsinMovement(observations: readonly EnrichedObservation[]): MovementFigures {
  const out: MovementFigures = {};
  const add = (metric: string, o: EnrichedObservation, value: number | null, currency: string | null) => {
    if (value === null) return;
    const id = `${metric}|${o.asin}|${o.marketplace}|${o.currency}|${Math.floor(o.observed_at / HOUR) * HOUR}`;
    const f = out[id];
    out[id] = f === undefined ? { count: 1, sum: value, min: value, max: value, currency } : { count: f.count + 1, sum: f.sum + value, min: Math.min(f.min, value), max: Math.max(f.max, value), currency };
  };
  for (const o of observations) {
    add('asin_price_per_hour', o, o.price_minor, o.currency);
    add('asin_sales_rank_per_hour', o, o.sales_rank, null);
  }
  return out;
}

type Figure = number | bigint;

/** The latest record of each metric, key and window, as the gold table keeps it (Iceberg reads longs back as bigints). */
export function latestMovement(records: readonly { metric: string; key: string; window_start: Figure; count: Figure; sum: Figure; min: Figure; max: Figure; currency: string | null }[]): MovementFigures {
  const out: MovementFigures = {};
  for (const r of records) out[`${r.metric}|${r.key}|${Number(r.window_start)}`] = { count: Number(r.count), sum: Number(r.sum), min: Number(r.min), max: Number(r.max), currency: r.currency };
  return out;
}

/** Reviews per ASIN and day written, with their stars times 100, computed directly from the distinct reviews. */
export function expectedAsinReviewDays(reviews: readonly { asin: string; rating: number; review_date: number }[]): MovementFigures {
  const out: MovementFigures = {};
  for (const r of reviews) {
    const id = `asin_reviews_per_day|${r.asin}|${r.review_date * 86_400_000}`;
    const stars = r.rating * 100;
    const f = out[id];
    out[id] = f === undefined ? { count: 1, sum: stars, min: stars, max: stars, currency: null } : { count: f.count + 1, sum: f.sum + stars, min: Math.min(f.min, stars), max: Math.max(f.max, stars), currency: null };
  }
  return out;
}

/** Observed prices per rank category, marketplace, currency and hour, computed directly from enriched observations. */
export function expectedCategoryPrices(observations: readonly EnrichedObservation[]): MovementFigures {
  const out: MovementFigures = {};
  for (const o of observations) {
    if (o.price_minor === null) continue;
    const id = `category_price_per_hour|${o.sales_rank_category ?? ''}|${o.marketplace}|${o.currency}|${Math.floor(o.observed_at / HOUR) * HOUR}`;
    const p = o.price_minor;
    const f = out[id];
    out[id] = f === undefined ? { count: 1, sum: p, min: p, max: p, currency: o.currency } : { count: f.count + 1, sum: f.sum + p, min: Math.min(f.min, p), max: Math.max(f.max, p), currency: o.currency };
  }
  return out;
}

/**
 * The exact values bracketing quantile `q` of `values`: the one at rank q(n-1) rounded down and the
 * one at rank qn rounded up, as quantile definitions differ between them; a sketch's estimate is
 * judged against the bracket widened by its relative accuracy.
 */
export function exactQuantileBracket(values: readonly number[], q: number): readonly [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const low = Math.floor(q * (sorted.length - 1));
  const high = Math.max(low, Math.ceil(q * sorted.length) - 1);
  return [sorted[low] ?? Number.NaN, sorted[high] ?? Number.NaN];
}
