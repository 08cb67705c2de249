import type { z } from 'zod';
import { ValidationError, type ErrorLocation } from '../../errors/index.ts';

/**
 * Reads a JSON record value (the private logs of the sources: crawl requests, crawl outcomes)
 * against its contract; throws ValidationError saying what is wrong, at `location`, so the record
 * is dead-lettered, never retried.
 */
export function parseJsonValue<S extends z.ZodType>(schema: S, value: Buffer | null, what: string, location: ErrorLocation): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(value?.toString('utf8') ?? 'null');
  } catch {
    throw new ValidationError([`${what} is not JSON`], location);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`), location);
  return parsed.data;
}
