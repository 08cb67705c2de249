import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * A record's event time is not a whole number of epoch milliseconds (NaN, a fraction, out of
 * the safe integer range), so it belongs to no window: the record goes to the dead-letter topic.
 */
export class EventTimeError extends ShelfstreamError {
  readonly code = 'EVENT_TIME_INVALID';
  readonly retriable = false;
  readonly eventTime: unknown;

  constructor(eventTime: unknown) {
    super(`event time must be a whole number of epoch milliseconds, got ${String(eventTime)}`);
    this.eventTime = eventTime;
  }
}
