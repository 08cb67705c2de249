import { map, type OperatorFunction } from 'rxjs';
import type { Batch } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** Turns each record into zero or more records, in order; an empty result counts as filtered. */
export function flatMapRecords<A, B>(fn: (record: StreamRecord<A>) => readonly StreamRecord<B>[]): OperatorFunction<Batch<A>, Batch<B>> {
  return map((batch) => {
    let dropped = 0;
    const records = batch.records.flatMap((record) => {
      const out = fn(record);
      if (out.length === 0) dropped++;
      return out;
    });
    return { ...batch, records, filtered: batch.filtered + dropped };
  });
}
