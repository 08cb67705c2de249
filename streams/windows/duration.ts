import { z } from 'zod';

/** A length of time in whole milliseconds, greater than zero. */
export const positiveDurationMs = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A length of time in whole milliseconds, zero allowed (grace periods, out-of-orderness). */
export const durationMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
