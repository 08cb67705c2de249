import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import type { TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { WindowClock, WindowState } from '../web/src/dashboard/dashboard-types.ts';

/** An event table's watermark proxy: the latest event time it holds (the runtime's own watermark is not in ClickHouse). */
export async function watermarkOf(engine: SqlEngine, table: string, graceMs: number): Promise<WindowClock> {
  const [row] = await engine.rows<{ n: number; w: number }>(`SELECT count() AS n, max(kafka_timestamp) AS w FROM ${table}`);
  return { watermarkMs: row === undefined || row.n === 0 ? null : row.w, graceMs };
}

/** Open before the watermark reaches the window's end, in grace until end + grace, final after. */
export function windowState(endMs: number, clock: WindowClock): WindowState {
  if (clock.watermarkMs === null || clock.watermarkMs < endMs) return 'open';
  return clock.watermarkMs < endMs + clock.graceMs ? 'grace' : 'final';
}

/** The least final of several windows' states: a total is final only once all its windows are. */
export function leastFinal(states: readonly WindowState[]): WindowState {
  return states.includes('open') ? 'open' : states.includes('grace') ? 'grace' : 'final';
}

/** A window a late record changed after it was final: its start, and the value of the row's `key` column. */
export interface Correction {
  readonly bucketStartMs: number;
  readonly key: string;
}

/**
 * The windows (of `bucketMs`, within the range, of rows matching `where`) that a record changed after
 * they were final: a record whose Kafka partition had already carried an event time at or past its
 * window's end + grace. The watermark at the record's arrival is taken as the highest event time
 * before it in its partition's offset order (ClickHouse keeps no arrival time), so partitions are
 * judged apart. Only rows from the range's start on can move the watermark past a window in it, so
 * only they are read; ClickHouse 18.16 has no window functions, so the running maximum is taken here.
 */
export async function lateCorrections(engine: SqlEngine, table: string, key: string, range: TimeRange, bucketMs: number, graceMs: number, where: TrustedSql): Promise<Correction[]> {
  const rows = await engine.rows<{ p: number; t: number; counted: number; k: string }>(sql`
    SELECT kafka_partition AS p, kafka_timestamp AS t, (${where}) AND kafka_timestamp < ${range.toMs} AS counted, ${new TrustedSql(key)} AS k
    FROM ${new TrustedSql(table)}
    WHERE kafka_timestamp >= ${range.fromMs}
    ORDER BY kafka_partition, kafka_offset`);
  const highest = new Map<number, number>();
  const found = new Map<string, Correction>();
  for (const row of rows) {
    const before = highest.get(row.p);
    const start = Math.floor(row.t / bucketMs) * bucketMs;
    if (row.counted === 1 && before !== undefined && before >= start + bucketMs + graceMs) found.set(`${start}|${row.k}`, { bucketStartMs: start, key: row.k });
    highest.set(row.p, Math.max(before ?? row.t, row.t));
  }
  return [...found.values()].sort((a, b) => a.bucketStartMs - b.bucketStartMs || a.key.localeCompare(b.key));
}
