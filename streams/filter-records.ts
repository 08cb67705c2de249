import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { Batch } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** Keeps the records `predicate` accepts; the others are counted as filtered, never silently lost. */
export function filterRecords<V>(predicate: (record: StreamRecord<V>) => boolean): MonoTypeOperatorFunction<Batch<V>> {
  return map((batch) => {
    const records = batch.records.filter(predicate);
    return { ...batch, records, filtered: batch.filtered + batch.records.length - records.length };
  });
}
