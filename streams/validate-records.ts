import { map, type MonoTypeOperatorFunction } from 'rxjs';
import { ValidationError } from '../errors/index.ts';
import { deadLetterOf, type Batch, type DeadLetter } from './batch.ts';
import type { StreamRecord } from './stream-record.ts';

/** A business rule: undefined when the value is acceptable, otherwise why it is not. */
export type Rule<V> = (value: V) => string | undefined;

/** The rules a value breaks, each as `rule: problem`; empty when it passes them all. */
export function brokenRules<V>(rules: Readonly<Record<string, Rule<V>>>, value: V): string[] {
  return Object.entries(rules).flatMap(([name, rule]) => {
    const problem = rule(value);
    return problem === undefined ? [] : [`${name}: ${problem}`];
  });
}

/**
 * Applies business rules that a schema cannot express (a total that does not add up, a negative
 * quantity). A record breaking any rule becomes a dead letter listing every broken rule.
 */
export function validateRecords<V>(step: string, rules: Readonly<Record<string, Rule<V>>>): MonoTypeOperatorFunction<Batch<V>> {
  return map((batch) => {
    const records: StreamRecord<V>[] = [];
    const deadLetters: DeadLetter[] = [...batch.deadLetters];
    for (const record of batch.records) {
      const broken = brokenRules(rules, record.value);
      if (broken.length === 0) records.push(record);
      else deadLetters.push(deadLetterOf(record, step, new ValidationError(broken, { topic: record.origin.topic, partition: record.origin.partition, offset: record.origin.offset })));
    }
    return { ...batch, records, deadLetters };
  });
}
