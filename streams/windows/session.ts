import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { positiveDurationMs } from './duration.ts';
import { checkEventTime } from './event-time.ts';
import type { Window } from './window.ts';

export interface SessionOptions {
  readonly gapMs: number;
}

/** Where a new record goes: the session holding it, and the existing sessions that session replaces. */
export interface SessionMerge {
  /** The session after adding the record: the union of `merged` and [t, t + gap). */
  readonly window: Window;
  /**
   * Existing sessions of the key that overlap the record's own [t, t + gap): their states are
   * merged into `window`'s and they are removed. Empty when the record opens a new session; one
   * session equal to `window` when the record falls inside it.
   */
  readonly merged: readonly Window[];
}

/**
 * Session windows: each record spans [t, t + gapMs) and overlapping spans join, so a session is
 * [first event, last event + gap) and ends after a gap of `gapMs` without events. Touching spans
 * ([0, 10) and [10, 20)) stay apart: exactly `gapMs` of silence splits a session.
 */
export interface SessionAssigner {
  readonly kind: 'SESSION';
  readonly gapMs: number;
  /** `sessions` are the key's current sessions (disjoint, any order). */
  merge(sessions: readonly Window[], timestampMs: number): SessionMerge;
}

const sessionOptions = z.strictObject({ gapMs: positiveDurationMs });

export function session(options: SessionOptions): SessionAssigner {
  const { gapMs } = parseOptions('session window', sessionOptions, options);
  return {
    kind: 'SESSION',
    gapMs,
    merge(sessions, timestampMs) {
      const t = checkEventTime(timestampMs);
      let start = t;
      let end = t + gapMs;
      const merged = sessions.filter((s) => s.start < t + gapMs && t < s.end);
      for (const s of merged) {
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
      }
      return { window: { start, end }, merged };
    },
  };
}
