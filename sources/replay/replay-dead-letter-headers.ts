import { DEAD_LETTER_HEADERS } from '../../sinks/kafka/dead-letter-headers.ts';

/**
 * Header names on the dead letters of a replay: the error as every dead letter has it, and the
 * row's place in its source file instead of a topic offset, so the row can be found and fixed.
 */
export const REPLAY_DEAD_LETTER_HEADERS = {
  code: DEAD_LETTER_HEADERS.code,
  message: DEAD_LETTER_HEADERS.message,
  step: DEAD_LETTER_HEADERS.step,
  field: 'shelfstream.error.field',
  file: 'shelfstream.source.file',
  line: 'shelfstream.source.line',
  kind: 'shelfstream.source.kind',
} as const;

/** The step name replay dead letters carry, as operators carry theirs. */
export const REPLAY_STEP = 'replay-csv';
