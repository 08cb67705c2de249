import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { durationMs } from './duration.ts';
import { checkEventTime } from './event-time.ts';

/** The watermark before any event: no window is closed by it. */
export const NO_WATERMARK = Number.NEGATIVE_INFINITY;

export interface WatermarkTrackerOptions {
  /** How far behind the highest event time seen a record may still arrive in order. */
  readonly maxOutOfOrderMs: number;
  /** Processing time after which a partition without records stops holding the watermark back. */
  readonly idleTimeoutMs: number;
  /** Processing-time clock in epoch ms; injected so tests control idleness. */
  readonly now: () => number;
}

const trackerOptions = z.strictObject({
  maxOutOfOrderMs: durationMs,
  idleTimeoutMs: durationMs,
  now: z.custom<() => number>((v) => typeof v === 'function', { message: 'now must be a function returning epoch ms' }),
});

interface PartitionClock {
  maxEventTime: number;
  lastActivity: number;
}

/**
 * Event-time progress of the partitions one task reads. A partition's watermark is the highest
 * event time seen minus `maxOutOfOrderMs`; the task's watermark is the lowest of its partitions',
 * leaving out partitions idle longer than `idleTimeoutMs` (one quiet partition must not stall
 * every window) unless all are idle. Neither ever goes backwards.
 */
export class WatermarkTracker {
  readonly #maxOutOfOrderMs: number;
  readonly #idleTimeoutMs: number;
  readonly #now: () => number;
  readonly #partitions = new Map<string | number, PartitionClock>();
  #combined = NO_WATERMARK;

  constructor(options: WatermarkTrackerOptions) {
    const parsed = parseOptions('watermark tracker', trackerOptions, options);
    this.#maxOutOfOrderMs = parsed.maxOutOfOrderMs;
    this.#idleTimeoutMs = parsed.idleTimeoutMs;
    this.#now = parsed.now;
  }

  /** Starts holding the watermark back for a partition (on assignment), idle-timed from now. */
  track(partition: string | number): void {
    if (!this.#partitions.has(partition)) {
      this.#partitions.set(partition, { maxEventTime: NO_WATERMARK, lastActivity: this.#now() });
    }
  }

  /** Forgets a partition (on revocation); the combined watermark keeps its value. */
  untrack(partition: string | number): void {
    this.#partitions.delete(partition);
  }

  /** Records an event seen on a partition, tracking the partition if it was not yet. */
  observe(partition: string | number, eventTimeMs: number): void {
    checkEventTime(eventTimeMs);
    const clock = this.#partitions.get(partition);
    if (clock === undefined) {
      this.#partitions.set(partition, { maxEventTime: eventTimeMs, lastActivity: this.#now() });
      return;
    }
    clock.maxEventTime = Math.max(clock.maxEventTime, eventTimeMs);
    clock.lastActivity = this.#now();
  }

  /** The partition's own watermark; NO_WATERMARK before its first event, undefined if untracked. */
  partitionWatermark(partition: string | number): number | undefined {
    const clock = this.#partitions.get(partition);
    return clock === undefined ? undefined : clock.maxEventTime - this.#maxOutOfOrderMs;
  }

  isIdle(partition: string | number): boolean {
    const clock = this.#partitions.get(partition);
    return clock !== undefined && this.#now() - clock.lastActivity > this.#idleTimeoutMs;
  }

  /** The combined watermark: minimum over active partitions (all, when every one is idle). */
  watermark(): number {
    const now = this.#now();
    let active = Number.POSITIVE_INFINITY;
    let all = Number.POSITIVE_INFINITY;
    for (const clock of this.#partitions.values()) {
      const mark = clock.maxEventTime - this.#maxOutOfOrderMs;
      all = Math.min(all, mark);
      if (now - clock.lastActivity <= this.#idleTimeoutMs) active = Math.min(active, mark);
    }
    const candidate = active !== Number.POSITIVE_INFINITY ? active : all;
    if (candidate !== Number.POSITIVE_INFINITY && candidate > this.#combined) this.#combined = candidate;
    return this.#combined;
  }
}
