import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { positiveDurationMs } from './duration.ts';
import { alignDown, checkEventTime } from './event-time.ts';
import type { Window, WindowAssigner } from './window.ts';

export interface HoppingOptions {
  readonly sizeMs: number;
  readonly advanceMs: number;
}

const hoppingOptions = z
  .strictObject({ sizeMs: positiveDurationMs, advanceMs: positiveDurationMs })
  .refine((o) => o.advanceMs <= o.sizeMs, {
    message: 'advanceMs must not exceed sizeMs (records between windows would belong to none)',
    path: ['advanceMs'],
  });

/**
 * Windows of `sizeMs` starting every `advanceMs` on the epoch, so they overlap: a timestamp
 * belongs to ceil(size / advance) or floor(size / advance) of them.
 */
export function hopping(options: HoppingOptions): WindowAssigner {
  const { sizeMs, advanceMs } = parseOptions('hopping window', hoppingOptions, options);
  return {
    kind: 'HOPPING',
    sizeMs,
    advanceMs,
    assignWindows(timestampMs) {
      const t = checkEventTime(timestampMs);
      const windows: Window[] = [];
      for (let start = alignDown(t, advanceMs); start > t - sizeMs; start -= advanceMs) {
        windows.push({ start, end: start + sizeMs });
      }
      return windows.reverse();
    },
  };
}
