import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** Why an accumulator refused: a value it cannot take, a result past exact range, or stored state it cannot read. */
export type AggregationProblem = 'AGGREGATE_VALUE_INVALID' | 'AGGREGATE_OVERFLOW' | 'AGGREGATE_STATE_INVALID';

/**
 * An accumulator cannot go on. `AGGREGATE_VALUE_INVALID` (a string for a sum, a fraction for
 * money) and `AGGREGATE_OVERFLOW` (a sum past 2^53, where numbers stop being exact) belong to
 * the record that caused them; `AGGREGATE_STATE_INVALID` means a changelog holds state this
 * accumulator did not write. None of them passes by retrying.
 */
export class AggregationError extends ShelfstreamError {
  readonly code: AggregationProblem;
  readonly retriable = false;
  readonly accumulator: string;

  constructor(code: AggregationProblem, accumulator: string, message: string, options: ShelfstreamErrorOptions = {}) {
    super(`${accumulator}: ${message}`, options);
    this.code = code;
    this.accumulator = accumulator;
  }
}
