import type { z } from 'zod';
import { AggregationError } from '../../errors/index.ts';
import type { AggregateValue } from './accumulator.ts';

/** A finite number, or an AGGREGATE_VALUE_INVALID error naming the accumulator. */
export function finiteNumber(kind: string, value: AggregateValue): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AggregationError('AGGREGATE_VALUE_INVALID', kind, `expects a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A whole number within ±(2^53 - 1), where arithmetic on numbers stays exact (money in minor units). */
export function safeInteger(kind: string, value: AggregateValue): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new AggregationError('AGGREGATE_VALUE_INVALID', kind, `expects a whole number within ±(2^53 - 1), got ${JSON.stringify(value)}`);
  }
  return value;
}

/** `a + b` when exact; an AGGREGATE_OVERFLOW error rather than a silently rounded total. */
export function exactSum(kind: string, a: number, b: number): number {
  const total = a + b;
  if (!Number.isSafeInteger(total)) {
    throw new AggregationError('AGGREGATE_OVERFLOW', kind, `${a} + ${b} is past 2^53 - 1, where sums stop being exact`);
  }
  return total;
}

/** Reads state back from a changelog, or an AGGREGATE_STATE_INVALID error. */
export function parseState<S extends z.ZodType>(kind: string, schema: S, json: unknown): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new AggregationError('AGGREGATE_STATE_INVALID', kind, `stored state is unreadable: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.')} ${i.message}`.trim()).join('; ')}`);
}
