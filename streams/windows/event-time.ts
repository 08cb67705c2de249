import { EventTimeError } from '../../errors/index.ts';

/** Rejects an event time that cannot be placed in a window; returns it unchanged otherwise. */
export function checkEventTime(timestampMs: number): number {
  if (!Number.isSafeInteger(timestampMs)) throw new EventTimeError(timestampMs);
  return timestampMs;
}

/** Start of the epoch-aligned slot of length `stepMs` holding `timestampMs`; exact also before 1970. */
export function alignDown(timestampMs: number, stepMs: number): number {
  return timestampMs - (((timestampMs % stepMs) + stepMs) % stepMs);
}
