import { ShelfstreamError } from './shelfstream-error.ts';

/**
 * A place to start reading a topic that the topic does not have: a partition it lacks, an offset
 * outside a partition's retained range. The person asking must pick another; never retried.
 */
export class ReadPositionError extends ShelfstreamError {
  readonly code = 'READ_POSITION_OUT_OF_RANGE';
  readonly retriable = false;

  constructor(topic: string, detail: string) {
    super(`cannot read ${topic} from there: ${detail}`, { location: { topic } });
  }
}
