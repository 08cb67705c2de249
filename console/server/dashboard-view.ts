import { z } from 'zod';
import type { TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import { LAST_RANGES, type LastRange } from '../web/src/dashboard/dashboard-types.ts';

/** What one dashboard page shows: a range (sliding with the clock for `last`) and its filters, as the URL gives them. */
export interface DashboardView<F extends string> {
  range(nowMs: number): TimeRange;
  /** A sliding range moves with the clock, so the page is pushed the new window each minute. */
  readonly sliding: boolean;
  readonly filters: Readonly<Partial<Record<F, string>>>;
}

const DAY_MS = 24 * 3_600_000;
const value = z.string().min(1).max(200).optional();
const instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)).optional();

/** Minutes up to a day, hours beyond: a chart of a week by the minute would be 10 080 points per line. */
export const bucketOf = (range: TimeRange): 'minute' | 'hour' => (range.toMs - range.fromMs <= DAY_MS ? 'minute' : 'hour');

/**
 * The view a request's query asks for: `last` (default `defaultLast`) or `from` and `to`, and the
 * named filters (`required` ones must be there); a ZodError when it is not one. Unknown query keys are ignored.
 */
export function parseDashboardView<F extends string>(raw: unknown, filterNames: readonly F[], defaultLast: LastRange, required: readonly F[] = []): DashboardView<F> {
  const q = z
    .object({
      last: z.enum(Object.keys(LAST_RANGES) as [LastRange, ...LastRange[]]).optional(),
      from: instant,
      to: instant,
      ...Object.fromEntries(filterNames.map((f) => [f, required.includes(f) ? value.unwrap() : value])),
    })
    .refine((v) => (v.from === undefined) === (v.to === undefined), { message: 'from and to go together' })
    .refine((v) => v.from === undefined || v.to === undefined || v.from < v.to, { message: 'from must be before to' })
    .parse(raw) as { last?: LastRange; from?: number; to?: number } & Partial<Record<F, string>>;
  const filters: Partial<Record<F, string>> = {};
  for (const f of filterNames) if (q[f] !== undefined) filters[f] = q[f];
  if (q.from !== undefined && q.to !== undefined) {
    const fixed = { fromMs: q.from, toMs: q.to };
    return { range: () => fixed, sliding: false, filters };
  }
  const span = LAST_RANGES[q.last ?? defaultLast];
  // The end rounded up to the next minute, so the current minute is in the range.
  return { range: (nowMs) => ({ fromMs: Math.ceil(nowMs / 60_000) * 60_000 - span, toMs: Math.ceil(nowMs / 60_000) * 60_000 }), sliding: true, filters };
}
