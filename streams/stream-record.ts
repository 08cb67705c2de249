/** Where a record came from: the coordinates every outcome (dead letter, late record, metric) points back to. */
export interface RecordOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * A record as it flows through operators: a decoded key and value, its event time, headers and
 * origin, and the bytes it arrived as, so a dead letter can carry the original record unchanged.
 */
export interface StreamRecord<V> {
  readonly key: string | null;
  readonly value: V;
  /** Event time, epoch milliseconds: what windows and watermarks are computed from. */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, Buffer>>;
  readonly origin: RecordOrigin;
  readonly raw: { readonly key: Buffer | null; readonly value: Buffer | null };
}
