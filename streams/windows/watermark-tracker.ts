import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import type { StateStore } from '../state-store.ts';
import { durationMs } from './duration.ts';

/** The watermark before every source has been heard from: no window is closed by it. */
export const NO_WATERMARK = Number.NEGATIVE_INFINITY;

/** The end of a bounded source's input, as an event time: no record of it comes later. */
export const END_OF_INPUT = Number.POSITIVE_INFINITY;

/** The highest event time seen per upstream source: the watermark is rebuilt from it after a restart. */
export interface WatermarkEntry {
  readonly kind: 'watermark';
  readonly sources: Readonly<Record<string, number>>;
  /** Sources whose input ended (`END_OF_INPUT`), kept apart because JSON has no infinity. */
  readonly done?: readonly string[];
  /** Per upstream source, the last offset taken: a replay repeats offsets up to it. */
  readonly taken?: Readonly<Record<string, string>>;
}

/** Its key in the operator's store; no window key starts with a NUL. */
export const WATERMARK_KEY = '\u0000watermark';

export interface WatermarkTrackerOptions<V> {
  /** The operator's store: the tracker keeps its `WatermarkEntry` under `WATERMARK_KEY`. */
  readonly store: StateStore<V | WatermarkEntry>;
  /**
   * The upstream partitions whose progress the watermark waits for (`topic/partition`): all
   * partitions feeding a repartition topic, or the task's own source partition.
   */
  readonly sources: readonly string[];
  /** How far behind a source's highest event time a record may arrive and still count in order. */
  readonly maxOutOfOrderMs: number;
  /** Processing time after which a silent source stops holding the watermark back. */
  readonly idleTimeoutMs: number;
  /** Processing-time clock in epoch ms; injected so tests control idleness. */
  readonly now: () => number;
}

const trackerOptions = z.strictObject({
  store: z.custom<StateStore<unknown>>((v) => typeof v === 'object' && v !== null, { message: 'store must be a state store' }),
  sources: z.array(z.string().min(1)).min(1),
  maxOutOfOrderMs: durationMs,
  idleTimeoutMs: durationMs,
  now: z.custom<() => number>((v) => typeof v === 'function', { message: 'now must be a function returning epoch ms' }),
});

/**
 * Event-time progress of the upstream sources of one windowed step. The watermark is the lowest
 * high event time over the sources minus `maxOutOfOrderMs`, and no watermark at all while a source
 * it waits for has not been heard from. A source silent longer than `idleTimeoutMs` (processing
 * time) stops holding it back, unless every source is silent. It is not monotonic: a source that
 * wakes behind takes the watermark back, so the step must remember which windows already closed.
 *
 * A source that announced `END_OF_INPUT` is done: it no longer holds the watermark back, nor counts
 * as the active source that would hold back idle ones; once every source is done the watermark is
 * `END_OF_INPUT` and every window closes, as a bounded input ends in Flink.
 *
 * The high event times live in the store, so they follow the partition through its changelog; the
 * silence clocks do not: after a restart every source counts as active from then on.
 *
 * It also keeps the last offset taken from each source, beside the high event times and with them
 * in the store: a source's records reach one task in offset order, so one at or below it is a replay.
 */
export class WatermarkTracker<V> {
  readonly #store: StateStore<V | WatermarkEntry>;
  readonly #sources: readonly string[];
  readonly #maxOutOfOrderMs: number;
  readonly #idleTimeoutMs: number;
  readonly #now: () => number;
  readonly #lastSeen: Map<string, number>;
  #highs: Record<string, number> = {};
  #done = new Set<string>();
  #taken = new Map<string, bigint>();

  constructor(options: WatermarkTrackerOptions<V>) {
    const parsed = parseOptions('watermark tracker', trackerOptions, options);
    this.#store = options.store;
    this.#sources = [...parsed.sources];
    this.#maxOutOfOrderMs = parsed.maxOutOfOrderMs;
    this.#idleTimeoutMs = parsed.idleTimeoutMs;
    this.#now = parsed.now;
    this.#lastSeen = new Map(this.#sources.map((s) => [s, this.#now()]));
  }

  /**
   * Reads the high event times from the store. Call it before each batch: the store may have been
   * restored from its changelog since the last one.
   */
  load(): void {
    const entry = this.#store.get(WATERMARK_KEY) as WatermarkEntry | undefined;
    this.#highs = { ...entry?.sources };
    this.#done = new Set(entry?.done);
    this.#taken = new Map(Object.entries(entry?.taken ?? {}).map(([source, offset]) => [source, BigInt(offset)]));
  }

  /** Writes the high event times to the store (once per batch, not per record: one changelog entry). */
  save(): void {
    this.#store.set(WATERMARK_KEY, {
      kind: 'watermark',
      sources: { ...this.#highs },
      ...(this.#done.size > 0 ? { done: [...this.#done] } : {}),
      ...(this.#taken.size > 0 ? { taken: Object.fromEntries([...this.#taken].map(([source, offset]) => [source, offset.toString()])) } : {}),
    });
  }

  /** Whether the record of `source` at `offset` was taken before: a replay of it. */
  replays(source: string, offset: bigint): boolean {
    const last = this.#taken.get(source);
    return last !== undefined && offset <= last;
  }

  /** The record of `source` at `offset` was taken (counted, or judged late). */
  take(source: string, offset: bigint): void {
    this.#taken.set(source, offset);
  }

  /** An event time seen from a source, in a record or a progress announcement; the source is active again. */
  observe(source: string, eventTimeMs: number): void {
    if (eventTimeMs === END_OF_INPUT) this.#done.add(source);
    else this.#highs[source] = Math.max(this.#highs[source] ?? NO_WATERMARK, eventTimeMs);
    this.#lastSeen.set(source, this.#now());
  }

  watermark(): number {
    const clock = this.#now();
    const running = this.#sources.filter((s) => !this.#done.has(s));
    if (running.length === 0) return END_OF_INPUT;
    const active = running.filter((s) => clock - (this.#lastSeen.get(s) ?? clock) <= this.#idleTimeoutMs);
    const waitingFor = active.length > 0 ? active : running;
    let lowest = Number.POSITIVE_INFINITY;
    for (const source of waitingFor) lowest = Math.min(lowest, this.#highs[source] ?? NO_WATERMARK);
    return lowest - this.#maxOutOfOrderMs;
  }
}
