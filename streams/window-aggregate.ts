import { map, type OperatorFunction } from 'rxjs';
import type { StateStore } from './state-store.ts';
import type { Accumulator } from './aggregations/accumulator.ts';
import type { Batch, LateRecord } from './batch.ts';
import { sourceOf } from './record-source.ts';
import type { StreamRecord } from './stream-record.ts';
import {
  END_OF_INPUT,
  WatermarkTracker,
  windowClosePolicy,
  type SessionAssigner,
  type WatermarkEntry,
  type WatermarkTrackerOptions,
  type Window,
  type WindowAssigner,
  type WindowClosePolicyOptions,
} from './windows/index.ts';

export type { WatermarkEntry } from './windows/index.ts';

/** A window's aggregate as it leaves the step: final once the window closed, else an early update. */
export interface WindowResult<R> {
  readonly group: string;
  readonly window: Window;
  readonly result: R;
  readonly final: boolean;
}

/** Besides its own, the options of its watermark (sources, out-of-orderness, idleness) and of closing (grace). */
export interface WindowAggregateOptions<V, S, R> extends Omit<WatermarkTrackerOptions<WindowEntry>, 'store'>, WindowClosePolicyOptions {
  /** Step name; also the name of its store and changelog. */
  readonly step: string;
  readonly store: StateStore<WindowEntry | WatermarkEntry>;
  readonly groupBy: (record: StreamRecord<V>) => string;
  /** Tumbling or hopping windows, or sessions (which merge as records bridge them). */
  readonly windows: WindowAssigner | SessionAssigner;
  readonly accumulator: Accumulator<S, R, StreamRecord<V>>;
  /**
   * Emit non-final results at most this often (processing time), of every open window changed since
   * its last result; off when absent.
   */
  readonly earlyEveryMs?: number;
}

/** One key's window: its accumulator state. */
export interface WindowEntry {
  readonly kind: 'window';
  readonly group: string;
  readonly start: number;
  readonly end: number;
  readonly state: unknown;
  readonly closed: boolean;
  /** Changed since its last early result: kept in the entry, so a restart still owes that result. */
  readonly unreported?: boolean;
}

// Closed windows stay (marked closed) this long past closing: a record of one of them still coming
// (a source woken from idleness takes the watermark back) finds it closed rather than open again.
const CLOSED_RETENTION_FACTOR = 2;

/**
 * Event-time windowed aggregation with state in a changelog-backed store. Each record is added to
 * the windows it belongs to that are still open; a record whose windows all closed is late. A
 * window closes, and its final result is emitted, when the watermark (`WatermarkTracker`) passes
 * its end plus `graceMs` (`windowClosePolicy`). Replays are idempotent: the step keeps the last
 * upstream offset it took per source (with the watermark) and skips what comes again at or below it,
 * however long ago its windows closed and were forgotten. So each upstream record must reach the
 * step once, in its source's offset order: read from its own topic or across one repartition topic,
 * with no step before it turning one record into several.
 */
export function windowAggregate<V, S, R>(options: WindowAggregateOptions<V, S, R>): OperatorFunction<Batch<V>, Batch<WindowResult<R>>> {
  const { step, store, groupBy, windows, accumulator, maxOutOfOrderMs, idleTimeoutMs, sources, now } = options;
  const tracker = new WatermarkTracker({ store, sources, maxOutOfOrderMs, idleTimeoutMs, now });
  const policy = windowClosePolicy({ graceMs: options.graceMs });
  let lastEarly = now();

  type Placement = { late?: Window };
  const entryKey = (group: string, start: number) => `${group}\u0000${start}`;
  const entryOf = (key: string) => store.get(key) as WindowEntry | undefined;
  const write = (group: string, w: Window, state: S): void => {
    store.set(entryKey(group, w.start), { kind: 'window', group, start: w.start, end: w.end, state: accumulator.toJSON(state), closed: false, unreported: true });
  };

  // Window states a batch changed, live: sketches are decoded once and encoded once per batch,
  // not once per record. Written to the store (and so to the changelog) when the batch ends.
  type Pending = { group: string; window: Window; state: S };
  const pending = new Map<string, Pending>();
  const writePending = () => {
    for (const p of pending.values()) write(p.group, p.window, p.state);
    pending.clear();
  };

  const addToWindows = (assigner: WindowAssigner, group: string, record: StreamRecord<V>, mark: number): Placement => {
    const all = assigner.assignWindows(record.timestamp);
    let counted = false;
    for (const w of all) {
      const key = entryKey(group, w.start);
      const live = pending.get(key);
      const entry = live === undefined ? entryOf(key) : undefined;
      // Closed by the watermark now, or earlier: an idle source that wakes takes the watermark
      // back, and a window whose final result already left must not look open again.
      if (policy.isClosed(w, mark) || entry?.closed === true) continue;
      if (live !== undefined) live.state = accumulator.add(live.state, record);
      else pending.set(key, { group, window: w, state: accumulator.add(entry ? accumulator.fromJSON(entry.state) : accumulator.init(), record) });
      counted = true;
    }
    return counted ? {} : { late: all.at(-1) ?? { start: record.timestamp, end: record.timestamp } };
  };

  // Sessions of a group are found by scanning the store: state per task is small, and a secondary
  // index would have to be rebuilt from the changelog on every restore.
  const openSessions = (group: string): WindowEntry[] =>
    [...store.entries()].flatMap(([, v]) => (v.kind === 'window' && v.group === group && !v.closed ? [v] : []));

  const addToSession = (assigner: SessionAssigner, group: string, record: StreamRecord<V>, mark: number): Placement => {
    const sessions = openSessions(group);
    const { window, merged } = assigner.merge(sessions, record.timestamp);
    if (policy.isClosed(window, mark)) return { late: window };
    const parts = sessions.filter((e) => merged.some((m) => m.start === e.start && m.end === e.end));
    let state = accumulator.init();
    for (const part of parts) {
      state = accumulator.merge(state, accumulator.fromJSON(part.state));
      if (part.start !== window.start) store.delete(entryKey(group, part.start));
    }
    write(group, window, accumulator.add(state, record));
    return {};
  };

  return map((batch) => {
    pending.clear();
    tracker.load();
    // Announcements apply where they stood among the records, or records before them would look late.
    const progress = [...batch.progress].sort((a, b) => (a.offset < b.offset ? -1 : 1));
    let next = 0;
    const applyProgressBefore = (offset: bigint) => {
      for (; next < progress.length && (progress[next]?.offset ?? offset) < offset; next++) {
        const p = progress[next];
        if (p) tracker.observe(p.source, p.eventTime);
      }
    };
    const late: LateRecord[] = [...batch.late];
    for (const record of batch.records) {
      applyProgressBefore(BigInt(record.origin.offset));
      const { source, offset } = sourceOf(record);
      // Taken before: counted or judged late then, whether its windows are still kept or not.
      if (tracker.replays(source, offset)) continue;
      const mark = tracker.watermark();
      const group = groupBy(record);
      const placed = windows.kind === 'SESSION' ? addToSession(windows, group, record, mark) : addToWindows(windows, group, record, mark);
      if (placed.late !== undefined) late.push({ record, step, windowStart: placed.late.start, windowEnd: placed.late.end, watermark: mark });
      tracker.observe(source, record.timestamp);
      tracker.take(source, offset);
    }
    writePending();
    applyProgressBefore(BigInt(Number.MAX_SAFE_INTEGER) ** 2n);
    tracker.save();

    const mark = tracker.watermark();
    const emitEarly = options.earlyEveryMs !== undefined && now() - lastEarly >= options.earlyEveryMs;
    if (emitEarly) lastEarly = now();
    const results: StreamRecord<WindowResult<R>>[] = [];
    const origin = batch.records.at(-1)?.origin ?? { topic: batch.topic, partition: batch.partition, offset: '-1' };
    for (const [key, value] of [...store.entries()]) {
      if (value.kind !== 'window') continue;
      if (value.closed) {
        // At the end of input no new record can come, only a replayed batch: its windows stay to recognise it.
        if (mark !== END_OF_INPUT && mark >= policy.closesAt(value) + CLOSED_RETENTION_FACTOR * (value.end - value.start)) store.delete(key);
        continue;
      }
      const final = policy.isClosed(value, mark);
      if (!final && !(emitEarly && value.unreported === true)) continue;
      store.set(key, { ...value, closed: final, unreported: false });
      const result = accumulator.result(accumulator.fromJSON(value.state));
      results.push({
        key: `${value.group}|${value.start}`,
        value: { group: value.group, window: { start: value.start, end: value.end }, result, final },
        timestamp: value.end - 1,
        headers: {},
        origin,
        raw: { key: null, value: null },
      });
    }
    return { ...batch, records: results, late, progress: [], watermark: mark };
  });
}
