import { InvalidOptionError, type OptionProblem } from '../../../errors/index.ts';
import { sql, TrustedSql } from '../../../infra/clickhouse/sql-literal.ts';

/** A half-open range of event time in ms since the epoch: a bucket is in it when its start is. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** What every KPI query takes: the time range and the most rows to return. */
export interface KpiQueryOptions {
  readonly range: TimeRange;
  /** At most this many rows (default 1000). */
  readonly limit?: number;
}

export type HourOrDay = 'hour' | 'day';

const MAX_LIMIT = 100_000;

/** The options' problems, or none; every query checks before it builds SQL. */
export function checkOptions(query: string, options: KpiQueryOptions, more: readonly OptionProblem[] = []): void {
  const { fromMs, toMs } = options.range;
  const problems = [...more];
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs) || fromMs >= toMs) {
    problems.push({ path: 'range', message: `expected integer ms with fromMs < toMs, got ${fromMs}..${toMs}` });
  }
  const limit = options.limit;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    problems.push({ path: 'limit', message: `expected an integer from 1 to ${MAX_LIMIT}, got ${limit}` });
  }
  if (problems.length > 0) throw new InvalidOptionError(query, problems);
}

/** `LIMIT n` of the options. */
export const limitClause = (options: KpiQueryOptions): TrustedSql => new TrustedSql(sql`LIMIT ${options.limit ?? 1000}`);

/** `column` (a DateTime('UTC')) within the range: whole seconds, the start floored, the end exclusive. */
export function inRange(column: string, range: TimeRange): TrustedSql {
  const from = Math.floor(range.fromMs / 1000);
  const to = Math.floor(range.toMs / 1000);
  return new TrustedSql(sql`${new TrustedSql(column)} >= toDateTime(${from}, 'UTC') AND ${new TrustedSql(column)} < toDateTime(${to}, 'UTC')`);
}

/** `AND column = value` for each filter given; nothing for those left out. */
export function equalities(filters: Readonly<Record<string, string | undefined>>): TrustedSql {
  const parts = Object.entries(filters).flatMap(([column, value]) => (value === undefined ? [] : [sql` AND ${new TrustedSql(column)} = ${value}`]));
  return new TrustedSql(parts.join(''));
}

/** The start of each bucket in epoch seconds, from a column holding hour (or minute) starts. */
export const bucketStart = (column: string, bucket: 'minute' | HourOrDay): TrustedSql =>
  new TrustedSql(bucket === 'day' ? `toUInt32(toStartOfDay(${column}))` : `toUInt32(${column})`);
