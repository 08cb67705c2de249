import { InvalidOptionError } from '../../errors/index.ts';

/** How fast to replay: N times real time in event time, or as fast as Kafka takes it. */
export type ReplaySpeed = number | 'max';

/**
 * Spaces records so event time advances `speed` times faster than the wall clock: the first
 * record anchors both clocks, and each later one waits until its event time is due. Records are
 * paced by the largest event time seen so far, so a record older than its predecessors (files are
 * not always sorted) goes out at once instead of rewinding the clock.
 */
export class EventTimePacer {
  readonly #speed: ReplaySpeed;
  #anchor: { event: number; wall: number } | undefined;
  #maxEvent = -Infinity;

  constructor(speed: ReplaySpeed) {
    if (speed !== 'max' && !(speed > 0 && Number.isFinite(speed))) {
      throw new InvalidOptionError('replay', [{ path: 'speed', message: `expected a positive number or 'max', got ${speed}` }]);
    }
    this.#speed = speed;
  }

  /** Milliseconds to wait at wall time `now` before a record of `eventTime` is due. */
  delayFor(eventTime: number, now: number): number {
    if (this.#speed === 'max') return 0;
    if (this.#anchor === undefined) this.#anchor = { event: eventTime, wall: now };
    this.#maxEvent = Math.max(this.#maxEvent, eventTime);
    return Math.max(0, Math.ceil(this.#anchor.wall + (this.#maxEvent - this.#anchor.event) / this.#speed - now));
  }
}
