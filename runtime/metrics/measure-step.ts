import { defer, tap, type OperatorFunction } from 'rxjs';
import type { Batch } from '../../streams/batch.ts';
import type { RuntimeMetrics } from './runtime-metrics.ts';

export interface StepLabels {
  readonly sub_topology: string;
  readonly step: string;
  readonly partition: string;
}

/**
 * Counts what one step of a chain does to each batch: records in and out, and the dead letters,
 * late records and filtered records it added. A step maps one batch to one batch, so the counts
 * before and after pair up in order.
 */
export function measureStep<A, B>(metrics: RuntimeMetrics, labels: StepLabels, step: OperatorFunction<Batch<A>, Batch<B>>): OperatorFunction<Batch<A>, Batch<B>> {
  return (source) =>
    defer(() => {
      const before: { dead: number; late: number; filtered: number }[] = [];
      const count = (direction: string, n: number) => {
        if (n > 0) metrics.stepRecords.inc({ ...labels, direction }, n);
      };
      return source.pipe(
        tap((batch) => {
          count('in', batch.records.length);
          before.push({ dead: batch.deadLetters.length, late: batch.late.length, filtered: batch.filtered });
        }),
        step,
        tap({
          next: (batch) => {
            const was = before.shift() ?? { dead: 0, late: 0, filtered: 0 };
            count('out', batch.records.length);
            count('dead_lettered', batch.deadLetters.length - was.dead);
            count('late', batch.late.length - was.late);
            count('filtered', batch.filtered - was.filtered);
          },
          error: () => {
            metrics.stepErrors.inc(labels);
          },
        }),
      );
    });
}
