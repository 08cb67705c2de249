import type { z } from 'zod';
import { InvalidOptionError } from '../errors/index.ts';

/**
 * Validates an options object given in code up front, so a bad window size or precision fails
 * where the topology is declared rather than on the first record.
 */
export function parseOptions<S extends z.ZodType>(subject: string, schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new InvalidOptionError(
    subject,
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
