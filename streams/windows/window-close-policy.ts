import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { durationMs } from './duration.ts';
import type { Window } from './window.ts';

export interface WindowClosePolicyOptions {
  /** How long after its end, in event time, a window still accepts records. */
  readonly graceMs: number;
}

/**
 * When windows close. A window closes, emits its final result and takes no more records once the
 * watermark reaches its end plus the grace period. For a session, judge the session after merging
 * (`SessionMerge.window`): a record inside a still open session counts.
 */
export interface WindowClosePolicy {
  /** The watermark at which `window` closes. */
  closesAt(window: Window): number;
  isClosed(window: Window, watermark: number): boolean;
}

const policyOptions = z.strictObject({ graceMs: durationMs });

export function windowClosePolicy(options: WindowClosePolicyOptions): WindowClosePolicy {
  const { graceMs } = parseOptions('window close policy', policyOptions, options);
  const closesAt = (window: Window): number => window.end + graceMs;
  return { closesAt, isClosed: (window, watermark) => watermark >= closesAt(window) };
}
