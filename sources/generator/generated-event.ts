/** One synthetic event: the record key, the Avro value and its event time (the record timestamp). */
export interface GeneratedEvent<T> {
  readonly key: string;
  readonly value: T;
  readonly timestamp: number;
}

/** What fixes a generated stream: the same options give the same events, record for record. */
export interface GeneratorOptions {
  readonly seed: number;
  readonly count: number;
  /** Event time of the stream's start, epoch milliseconds. */
  readonly start: number;
  /** Events per second of event time on average; the hour of day modulates it (see DiurnalClock). */
  readonly eventsPerSecond: number;
  /** Products in the synthetic catalog. */
  readonly catalogSize?: number;
}

/** 2024-01-01T00:00:00Z: a fixed default start, so that output depends on the options alone. */
export const DEFAULT_GENERATOR_START = Date.UTC(2024, 0, 1);
