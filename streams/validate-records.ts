import { map, type MonoTypeOperatorFunction } from 'rxjs';
import { ValidationError } from '../errors/index.ts';
import { deadLetterOf, type Batch, type DeadLetter } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** A business rule: undefined when the value is acceptable, otherwise why it is not. */
export type Rule<V> = (value: V, record: StreamRecord<V>) => string | undefined;

/**
 * Applies business rules that a schema cannot express (a total that does not add up, a negative
 * quantity). A record breaking any rule becomes a dead letter listing every broken rule.
 */
export function validateRecords<V>(step: string, rules: Readonly<Record<string, Rule<V>>>): MonoTypeOperatorFunction<Batch<V>> {
  const named = Object.entries(rules);
  return map((batch) => {
    const records: StreamRecord<V>[] = [];
    const deadLetters: DeadLetter[] = [...batch.deadLetters];
    for (const record of batch.records) {
      const broken = named.flatMap(([name, rule]) => {
        const problem = rule(record.value, record);
        return problem === undefined ? [] : [`${name}: ${problem}`];
      });
      if (broken.length === 0) records.push(record);
      else deadLetters.push(deadLetterOf(record, step, new ValidationError(broken, { topic: record.origin.topic, partition: record.origin.partition, offset: record.origin.offset })));
    }
    return { ...batch, records, deadLetters };
  });
}
