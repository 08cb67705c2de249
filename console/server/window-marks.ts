import type { SqlEngine } from '../../infra/clickhouse/sql-engine.ts';
import { sql, TrustedSql } from '../../infra/clickhouse/sql-literal.ts';
import type { TimeRange } from '../../sinks/clickhouse/kpi-queries/index.ts';
import type { WindowClock, WindowMarks, WindowState } from '../web/src/dashboard/dashboard-types.ts';

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

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The windows (of `bucketMs`, within the range, of rows matching `where`) that a record changed after
 * they were final: a record whose Kafka partition had already carried an event time at or past its
 * window's end + grace. The watermark at a record's arrival is taken from the records before it in its
 * partition's offset order (ClickHouse keeps no arrival time), so partitions are judged apart. A window
 * was corrected exactly when its highest offset is above the lowest offset of its partition's records
 * at or past its end + grace; ClickHouse sums the rows from the range's start on (only they can pass a
 * window in it) into slots that divide both the window and the grace, and the lowest offsets at or
 * after each slot are taken here (ClickHouse 18.16 has no window functions).
 */
export async function lateCorrections(engine: SqlEngine, table: string, key: string, range: TimeRange, bucketMs: number, graceMs: number, where: TrustedSql): Promise<Correction[]> {
  const slotMs = gcd(bucketMs, graceMs);
  const counted = new TrustedSql(sql`(${where}) AND kafka_timestamp < ${range.toMs}`);
  const slots = await engine.rows<{ p: number; s: number; k: string; lo: number; hi: number; n: number }>(sql`
    SELECT kafka_partition AS p, intDiv(kafka_timestamp, ${slotMs}) AS s, ${new TrustedSql(key)} AS k,
      min(kafka_offset) AS lo, maxIf(kafka_offset, ${counted}) AS hi, countIf(${counted}) AS n
    FROM ${new TrustedSql(table)}
    WHERE kafka_timestamp >= ${range.fromMs}
    GROUP BY p, s, k`);
  const partitions = new Map<number, typeof slots>();
  for (const row of slots) {
    const rows = partitions.get(row.p) ?? [];
    rows.push(row);
    partitions.set(row.p, rows);
  }
  const found = new Map<string, Correction>();
  for (const rows of partitions.values()) {
    // Per slot of the partition, ascending: the lowest offset at or after it, the first record that far in event time.
    const lowest = new Map<number, number>();
    for (const r of rows) lowest.set(r.s, Math.min(r.lo, lowest.get(r.s) ?? Infinity));
    const starts = [...lowest.keys()].sort((a, b) => a - b);
    const from: number[] = [];
    for (let i = starts.length - 1; i >= 0; i -= 1) from[i] = Math.min(lowest.get(starts[i] ?? 0) ?? Infinity, from[i + 1] ?? Infinity);
    for (const row of rows.filter((r) => r.n > 0)) {
      const start = Math.floor((row.s * slotMs) / bucketMs) * bucketMs;
      const first = starts.findIndex((s) => s >= (start + bucketMs + graceMs) / slotMs);
      if (first >= 0 && row.hi > (from[first] ?? Infinity)) found.set(`${start}|${row.k}`, { bucketStartMs: start, key: row.k });
    }
  }
  return [...found.values()].sort((a, b) => a.bucketStartMs - b.bucketStartMs || a.key.localeCompare(b.key));
}

/** What marks one event table's windows: its clock, the windows of `bucketMs` late records corrected, by key. */
export interface WindowReading {
  readonly clock: WindowClock;
  readonly bucketMs: number;
  readonly corrections: readonly Correction[];
}

/** The watermark proxy and the corrected windows of `table`'s rows matching `where`, keyed by the SQL expression `key`. */
export async function readWindows(engine: SqlEngine, table: string, key: string, range: TimeRange, bucketMs: number, graceMs: number, where: TrustedSql): Promise<WindowReading> {
  const [clock, corrections] = await Promise.all([watermarkOf(engine, table, graceMs), lateCorrections(engine, table, key, range, bucketMs, graceMs, where)]);
  return { clock, bucketMs, corrections };
}

/** The marks of one window: the one starting at `bucketStartMs`, of the rows of `key`. */
export function windowMarks(reading: WindowReading, bucketStartMs: number, key: string): WindowMarks {
  return { state: windowState(bucketStartMs + reading.bucketMs, reading.clock), corrected: reading.corrections.some((c) => c.bucketStartMs === bucketStartMs && c.key === key) };
}

/** The marks of a figure over the range's windows of `key`: as final as its latest one, corrected when a late record changed any. */
export function rangeMarks(reading: WindowReading, latestBucketStartMs: number, key: string): WindowMarks {
  return { state: windowState(latestBucketStartMs + reading.bucketMs, reading.clock), corrected: reading.corrections.some((c) => c.key === key) };
}

/** The marks of a figure over several windows: the least final, corrected when a late record changed any. */
export function foldMarks(marks: readonly WindowMarks[]): WindowMarks {
  return { state: leastFinal(marks.map((m) => m.state)), corrected: marks.some((m) => m.corrected) };
}
