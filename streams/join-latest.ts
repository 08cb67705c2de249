import { map, type OperatorFunction } from 'rxjs';
import { JoinMissingError } from '../errors/index.ts';
import { deadLetterOf, type Batch, type DeadLetter } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** What a stream-table join reads of its table: the latest value per key (see runtime/latest-value-table.ts). */
export interface TableLookup<T> {
  /** Named in dead letters, so a missing entry says which table lacked it. */
  readonly name: string;
  get(key: string): T | undefined;
}

interface JoinLatestCommon<V, T> {
  readonly step: string;
  readonly table: TableLookup<T>;
  /** The table key of a record; null (no key) counts as a missing entry. */
  readonly keyOf: (record: StreamRecord<V>) => string | null;
}

/** A record whose key is not in the table: dead-lettered with JOIN_MISSING (the default), or filtered. */
export interface JoinLatestOptions<V, T, O> extends JoinLatestCommon<V, T> {
  readonly onMissing?: 'dead-letter' | 'filter';
  readonly join: (value: V, tableValue: T, record: StreamRecord<V>) => O;
}

/** A record whose key is not in the table passes, joined with null (a left join). */
export interface LeftJoinLatestOptions<V, T, O> extends JoinLatestCommon<V, T> {
  readonly onMissing: 'pass';
  readonly join: (value: V, tableValue: T | null, record: StreamRecord<V>) => O;
}

/**
 * Stream-table join, as Kafka Streams joins a KStream with a GlobalKTable: each record is joined
 * with the table's value for its key at the moment the record is processed. The table is not
 * time-aligned with the stream: a table update is seen by records processed after it arrived.
 *
 * @example
 * joinLatest({ step: 'join-catalog', table: catalog, keyOf: (r) => r.key, join: (obs, product) => enrich(obs, product) })
 */
export function joinLatest<V, T, O>(options: JoinLatestOptions<V, T, O> | LeftJoinLatestOptions<V, T, O>): OperatorFunction<Batch<V>, Batch<O>> {
  const { step, table, keyOf } = options;
  return map((batch) => {
    const records: StreamRecord<O>[] = [];
    const deadLetters: DeadLetter[] = [...batch.deadLetters];
    let filtered = batch.filtered;
    for (const record of batch.records) {
      const key = keyOf(record);
      const found = key === null ? undefined : table.get(key);
      if (found !== undefined) {
        records.push({ ...record, value: options.join(record.value, found, record) });
      } else if (options.onMissing === 'pass') {
        records.push({ ...record, value: options.join(record.value, null, record) });
      } else if (options.onMissing === 'filter') {
        filtered++;
      } else {
        const { topic, partition, offset } = record.origin;
        deadLetters.push(deadLetterOf(record, step, new JoinMissingError(table.name, key, { topic, partition, offset })));
      }
    }
    return { ...batch, records, deadLetters, filtered };
  });
}
