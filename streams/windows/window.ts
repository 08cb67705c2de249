/** A span of event time in epoch milliseconds: `start` inclusive, `end` exclusive. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** How windows are cut; the names are the Avro `WindowKind` symbols of window-aggregate. */
export type WindowKind = 'TUMBLING' | 'HOPPING' | 'SESSION';

/** Assigns each event time to the fixed windows it belongs to (tumbling or hopping). */
export interface WindowAssigner {
  readonly kind: 'TUMBLING' | 'HOPPING';
  readonly sizeMs: number;
  readonly advanceMs: number;
  /** The windows containing `timestampMs`, by ascending start. */
  assignWindows(timestampMs: number): Window[];
}

export function windowContains(window: Window, timestampMs: number): boolean {
  return window.start <= timestampMs && timestampMs < window.end;
}
