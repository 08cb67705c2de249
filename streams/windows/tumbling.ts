import { z } from 'zod';
import { parseOptions } from '../parse-options.ts';
import { positiveDurationMs } from './duration.ts';
import { alignDown, checkEventTime } from './event-time.ts';
import type { WindowAssigner } from './window.ts';

export interface TumblingOptions {
  readonly sizeMs: number;
}

const tumblingOptions = z.strictObject({ sizeMs: positiveDurationMs });

/** Back-to-back windows of `sizeMs` aligned on the epoch: every timestamp is in exactly one. */
export function tumbling(options: TumblingOptions): WindowAssigner {
  const { sizeMs } = parseOptions('tumbling window', tumblingOptions, options);
  return {
    kind: 'TUMBLING',
    sizeMs,
    advanceMs: sizeMs,
    assignWindows(timestampMs) {
      const start = alignDown(checkEventTime(timestampMs), sizeMs);
      return [{ start, end: start + sizeMs }];
    },
  };
}
