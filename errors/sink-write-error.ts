import { ShelfstreamError, type ErrorLocation } from './shelfstream-error.ts';

/**
 * A sink could not make a checkpoint durable: its service refused, timed out or is down
 * (retriable: the batch is held and tried again), or what it holds contradicts its own ledger
 * (not retriable: a person must look at the table).
 */
export class SinkWriteError extends ShelfstreamError {
  readonly code = 'SINK_WRITE_FAILED';
  readonly retriable: boolean;
  readonly table: string;

  constructor(message: string, retriable: boolean, location: ErrorLocation & { readonly table: string }, cause?: unknown) {
    const { table, ...where } = location;
    super(message, { location: where, ...(cause === undefined ? {} : { cause }) });
    this.retriable = retriable;
    this.table = table;
  }
}
