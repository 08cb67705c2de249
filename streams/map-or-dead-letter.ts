import { map, type OperatorFunction } from 'rxjs';
import { ShelfstreamError } from '../errors/index.ts';
import { deadLetterOf, type Batch, type DeadLetter } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/**
 * Transforms the value of every record; a record `fn` refuses with an error that will never pass
 * (a non-retriable ShelfstreamError, such as a value a table's column cannot take) becomes a dead
 * letter with that error's code, message and field. Any other error fails the batch, to be retried.
 */
export function mapOrDeadLetter<A, B>(step: string, fn: (record: StreamRecord<A>) => B): OperatorFunction<Batch<A>, Batch<B>> {
  return map((batch) => {
    const records: StreamRecord<B>[] = [];
    const deadLetters: DeadLetter[] = [...batch.deadLetters];
    for (const record of batch.records) {
      try {
        records.push({ ...record, value: fn(record) });
      } catch (error) {
        if (!(error instanceof ShelfstreamError) || error.retriable) throw error;
        deadLetters.push(deadLetterOf(record, step, error));
      }
    }
    return { ...batch, records, deadLetters };
  });
}
