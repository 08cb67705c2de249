import type { z } from 'zod';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * One row of the configuration table: its environment variable, the CLI flag derived from it,
 * what it means, how it is validated and its default (which may depend on other variables, such
 * as the local stack's ports).
 */
export interface Setting<T> {
  readonly env: string;
  readonly doc: string;
  readonly schema: z.ZodType<T, string>;
  readonly fallback: (env: Environment) => string;
  readonly secret?: boolean;
}

const PREFIX = 'SHELFSTREAM_';

/** `SHELFSTREAM_KAFKA_BROKERS` → `kafka-brokers`, the long flag every command accepts. */
export function flagOf(env: string): string {
  return env.slice(PREFIX.length).toLowerCase().replaceAll('_', '-');
}

export function setting<T>(row: Setting<T>): Setting<T> {
  if (!row.env.startsWith(PREFIX)) throw new Error(`setting ${row.env} must start with ${PREFIX}`);
  return row;
}
