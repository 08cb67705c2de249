import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { durationMs } from './duration.ts';
import type { Window } from './window.ts';

export interface WindowClosePolicyOptions {
  /** How long after its end, in event time, a window still accepts records. */
  readonly graceMs: number;
}

/** When windows close and which records come too late for all of theirs. */
export interface WindowClosePolicy {
  readonly graceMs: number;
  /** The watermark at which `window` closes: its end plus the grace period. */
  closesAt(window: Window): number;
  /** A closed window has emitted its final result and takes no more records. */
  isClosed(window: Window, watermark: number): boolean;
  /**
   * A record is late when every window it belongs to is closed. For session windows pass the
   * session after merging (`SessionMerge.window`): a record inside a still open session counts.
   */
  isLate(windows: readonly Window[], watermark: number): boolean;
}

const policyOptions = z.strictObject({ graceMs: durationMs });

export function windowClosePolicy(options: WindowClosePolicyOptions): WindowClosePolicy {
  const { graceMs } = parseOptions('window close policy', policyOptions, options);
  const closesAt = (window: Window): number => window.end + graceMs;
  const isClosed = (window: Window, watermark: number): boolean => watermark >= closesAt(window);
  return {
    graceMs,
    closesAt,
    isClosed,
    isLate: (windows, watermark) => windows.every((w) => isClosed(w, watermark)),
  };
}
