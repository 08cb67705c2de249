import type { IncomingRecord } from '../kafka-driver.ts';

/** What a log needs to know of a transaction: whether its records may be read yet. */
export interface LoggedTransaction {
  readonly state: 'open' | 'committed' | 'aborted';
}

/** A record, or a transaction's commit or abort marker, which takes an offset but is never delivered. */
interface LogEntry {
  readonly record: IncomingRecord | undefined;
  readonly transaction: LoggedTransaction | undefined;
}

/** The records read from a log and the offset to read next (past skipped aborted records and markers). */
export interface LogRead {
  readonly records: IncomingRecord[];
  readonly next: bigint;
}

/**
 * One partition's log: offsets from 0, as read by a read_committed consumer. Records of a
 * transaction still open hold back everything after them (the last stable offset); records of an
 * aborted one, and transaction markers, keep their offsets but are skipped.
 */
export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  readonly #entries: LogEntry[] = [];
  // First offset of each open transaction in this partition.
  readonly #open = new Map<LoggedTransaction, bigint>();

  constructor(topic: string, partition: number) {
    this.topic = topic;
    this.partition = partition;
  }

  /** The log end offset: the offset the next record will get. */
  get end(): bigint {
    return BigInt(this.#entries.length);
  }

  /** The last stable offset: a read_committed reader stops before the first record of an open transaction. */
  get stableEnd(): bigint {
    let stable = this.end;
    for (const first of this.#open.values()) if (first < stable) stable = first;
    return stable;
  }

  append(record: Omit<IncomingRecord, 'topic' | 'partition' | 'offset'>, transaction?: LoggedTransaction): bigint {
    const offset = this.end;
    if (transaction !== undefined && !this.#open.has(transaction)) this.#open.set(transaction, offset);
    this.#entries.push({ record: { ...record, topic: this.topic, partition: this.partition, offset: String(offset) }, transaction });
    return offset;
  }

  /** Writes the commit or abort marker of a transaction that wrote here; its state decides what readers see. */
  endTransaction(transaction: LoggedTransaction): void {
    this.#open.delete(transaction);
    this.#entries.push({ record: undefined, transaction });
  }

  /** Up to `max` readable records from `from`, never at or past `until` nor the last stable offset. */
  read(from: bigint, max: number, until = this.end): LogRead {
    const stop = Number(until < this.stableEnd ? until : this.stableEnd);
    const records: IncomingRecord[] = [];
    let i = Number(from);
    for (; i < stop && records.length < max; i++) {
      const entry = this.#entries[i];
      if (entry?.record !== undefined && (entry.transaction === undefined || entry.transaction.state === 'committed')) records.push(entry.record);
    }
    return { records, next: BigInt(Math.max(i, Number(from))) };
  }
}
