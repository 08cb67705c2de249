import { z } from 'zod';
import type { TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { LAST_RANGES, type LastRange } from '../web/src/sales/sales-types.ts';

/** What one Sales page shows: a range (sliding with the clock for `last`), its bucket size, and filters. */
export interface SalesView {
  range(nowMs: number): TimeRange;
  /** Changes when a sliding range moves to a new bucket, so the page is pushed the new window. */
  readonly sliding: boolean;
  readonly filters: { readonly category?: string; readonly country?: string; readonly currency?: string };
}

const DAY_MS = 24 * 3_600_000;
const filter = z.string().min(1).max(200).optional();
const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)).optional();
const query = z
  .object({
    last: z.enum(Object.keys(LAST_RANGES) as [LastRange, ...LastRange[]]).optional(),
    from: instant,
    to: instant,
    category: filter,
    country: filter,
    currency: filter,
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'from and to go together' })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to' });

/** Minutes up to a day, hours beyond: a chart of a week by the minute would be 10 080 points per line. */
export const bucketOf = (range: TimeRange): 'minute' | 'hour' => (range.toMs - range.fromMs <= DAY_MS ? 'minute' : 'hour');

/** The view a request's query asks for (the default: the last hour, unfiltered); a ZodError when it is not one. */
export function parseSalesView(raw: unknown): SalesView {
  const q = query.parse(raw);
  const filters = Object.fromEntries(Object.entries({ category: q.category, country: q.country, currency: q.currency }).filter(([, v]) => v !== undefined));
  if (q.from !== undefined && q.to !== undefined) {
    const fixed = { fromMs: q.from, toMs: q.to };
    return { range: () => fixed, sliding: false, filters };
  }
  const span = LAST_RANGES[q.last ?? '1h'];
  // The end rounded up to the next minute, so the current minute is in the range.
  return { range: (nowMs) => ({ fromMs: Math.ceil(nowMs / 60_000) * 60_000 - span, toMs: Math.ceil(nowMs / 60_000) * 60_000 }), sliding: true, filters };
}
