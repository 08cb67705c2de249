import { map, type MonoTypeOperatorFunction } from 'rxjs';
import { z } from 'zod';
import type { StateStore } from './state-store.ts';
import type { Batch } from './batch.ts';
import { parseOptions } from './parse-options.ts';
import { sourceOf } from './record-source.ts';
import type { StreamRecord } from './stream-record.ts';
import { positiveDurationMs } from './windows/duration.ts';

/** A key's last sighting (event time) and where the occurrence that passed was read. */
export interface SeenEntry {
  readonly kind: 'seen';
  readonly at: number;
  readonly source: string;
  readonly offset: string;
}

/** The highest event time seen, which expiry is relative to; kept so a restart expires alike. */
export interface HighEntry {
  readonly kind: 'high';
  readonly eventTime: number;
}

/** One upstream source's offsets since its oldest batch that may still be replayed, and which of them were dropped. */
export interface LedgerEntry {
  readonly kind: 'ledger';
  readonly from: string;
  readonly to: string;
  readonly dropped: readonly string[];
}

export type DedupEntry = SeenEntry | HighEntry | LedgerEntry;

export interface DeduplicateOptions<V> {
  /** Step name; also the name of its store and changelog. */
  readonly step: string;
  readonly store: StateStore<DedupEntry>;
  /** The identity duplicates share. Keys must not start with U+0000 (reserved for the step's own entries). */
  readonly keyOf: (record: StreamRecord<V>) => string;
  /** A record within this much event time of its key's last sighting is a duplicate. */
  readonly withinMs: number;
}

/** A source's ledger while a batch is processed: the stored one, parsed once, and this batch's decisions. */
interface WorkingLedger {
  readonly previous: LedgerEntry | undefined;
  readonly replayFrom: bigint;
  readonly replayTo: bigint;
  readonly replayedDrops: ReadonlySet<string>;
  from: bigint;
  to: bigint;
  readonly dropped: string[];
}

const HIGH_KEY = '\u0000high';
const ledgerKey = (source: string): string => `\u0000ledger\u0000${source}`;

/**
 * Drops a record whose key was seen within `withinMs` of event time (either side, so out-of-order
 * duplicates are caught too); every sighting, dropped or not, refreshes the key. Drops count as
 * filtered. A key is remembered while its last sighting is within `withinMs` of the highest event
 * time seen; older entries are swept out, so the store holds about two bounds' worth of keys.
 *
 * Replays are exact: per upstream source, the store keeps which offsets of the batches not yet
 * known to be committed were dropped (the ledger), so a replayed record ends as it did the first
 * time, even though the store already holds the state after it. A record older than the ledger
 * (an upstream replay through a repartition topic) is judged afresh, except that the occurrence a
 * key's entry was created by passes again rather than counting as its own duplicate.
 */
export function deduplicate<V>(options: DeduplicateOptions<V>): MonoTypeOperatorFunction<Batch<V>> {
  const { store, keyOf } = options;
  const { withinMs } = parseOptions(`deduplicate ${options.step}`, z.object({ withinMs: positiveDurationMs }), { withinMs: options.withinMs });
  // Not restored state: after a restart the first batch sweeps, which is only early.
  let nextSweep = Number.NEGATIVE_INFINITY;

  return map((batch) => {
    const highEntry = store.get(HIGH_KEY);
    let high = highEntry?.kind === 'high' ? highEntry.eventTime : Number.NEGATIVE_INFINITY;
    const ledgers = new Map<string, WorkingLedger>();
    const records: StreamRecord<V>[] = [];

    for (const record of batch.records) {
      const { source, offset } = sourceOf(record);
      let ledger = ledgers.get(source);
      if (ledger === undefined) {
        const stored = store.get(ledgerKey(source));
        const previous = stored?.kind === 'ledger' ? stored : undefined;
        ledger = {
          previous,
          replayFrom: previous === undefined ? 0n : BigInt(previous.from),
          replayTo: previous === undefined ? -1n : BigInt(previous.to),
          replayedDrops: new Set(previous?.dropped),
          from: offset,
          to: offset,
          dropped: [],
        };
        ledgers.set(source, ledger);
      }
      if (offset < ledger.from) ledger.from = offset;
      if (offset > ledger.to) ledger.to = offset;
      if (record.timestamp > high) high = record.timestamp;
      const replayed = offset >= ledger.replayFrom && offset <= ledger.replayTo;
      const keep = replayed ? !ledger.replayedDrops.has(offset.toString()) : sight(keyOf(record), record.timestamp, high, source, offset);
      if (keep) records.push(record);
      else if (!replayed) ledger.dropped.push(offset.toString());
    }

    for (const [source, ledger] of ledgers) {
      const previous = ledger.previous;
      // Offsets before this batch's first were committed with an earlier batch: they cannot come back.
      const kept = (previous?.dropped ?? []).filter((o) => BigInt(o) >= ledger.from);
      const to = ledger.to > ledger.replayTo ? ledger.to : ledger.replayTo;
      store.set(ledgerKey(source), { kind: 'ledger', from: ledger.from.toString(), to: to.toString(), dropped: [...kept, ...ledger.dropped] });
    }
    if (high > Number.NEGATIVE_INFINITY && high !== (highEntry?.kind === 'high' ? highEntry.eventTime : undefined)) {
      store.set(HIGH_KEY, { kind: 'high', eventTime: high });
    }
    if (high >= nextSweep) {
      expireBefore(store, high - withinMs);
      nextSweep = high + withinMs;
    }
    return { ...batch, records, filtered: batch.filtered + batch.records.length - records.length };
  });

  /** Whether a first-seen record passes; records the sighting either way. */
  function sight(key: string, at: number, high: number, source: string, offset: bigint): boolean {
    const entry = store.get(key);
    // An entry past the bound counts as gone whether or not a sweep removed it yet, so sweep timing
    // (which a restart changes) never changes a decision.
    const seen = entry?.kind === 'seen' && entry.at >= high - withinMs ? entry : undefined;
    if (seen !== undefined && seen.source === source && seen.offset === offset.toString()) return true;
    if (seen === undefined || Math.abs(at - seen.at) > withinMs) {
      // An out-of-order record far behind the key's last sighting passes but must not pull it back.
      if (seen === undefined || at >= seen.at) store.set(key, { kind: 'seen', at, source, offset: offset.toString() });
      return true;
    }
    if (at > seen.at) store.set(key, { ...seen, at });
    return false;
  }
}

function expireBefore(store: StateStore<DedupEntry>, bound: number): void {
  // Deleting the current key while iterating a Map is safe: iteration continues with the next.
  for (const [key, entry] of store.entries()) {
    if (entry.kind === 'seen' && entry.at < bound) store.delete(key);
  }
}
