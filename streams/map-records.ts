import { map, type OperatorFunction } from 'rxjs';
import type { Batch } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** Transforms every record of each batch; keys, time and origin stay unless `fn` changes them. */
export function mapRecords<A, B>(fn: (record: StreamRecord<A>) => StreamRecord<B>): OperatorFunction<Batch<A>, Batch<B>> {
  return map((batch) => ({ ...batch, records: batch.records.map(fn) }));
}

/** Transforms the value of every record. */
export function mapValues<A, B>(fn: (value: A, record: StreamRecord<A>) => B): OperatorFunction<Batch<A>, Batch<B>> {
  return mapRecords((record) => ({ ...record, value: fn(record.value, record) }));
}
