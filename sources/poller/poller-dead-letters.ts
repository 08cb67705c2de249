import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { ShelfstreamError } from '../../errors/index.ts';
import { DEAD_LETTER_HEADERS } from '../../sinks/kafka/dead-letter-headers.ts';

/** Header names on the poller's dead letters: the error as every dead letter has it, and where the input came from. */
export const POLLER_DEAD_LETTER_HEADERS = {
  code: DEAD_LETTER_HEADERS.code,
  message: DEAD_LETTER_HEADERS.message,
  step: DEAD_LETTER_HEADERS.step,
  field: 'shelfstream.error.field',
  attempts: 'shelfstream.error.attempts',
  url: 'shelfstream.source.url',
  index: 'shelfstream.source.index',
} as const;

export const POLLER_STEP = 'marketplace-poller';

const H = POLLER_DEAD_LETTER_HEADERS;

/**
 * An item the poller could not map: the item's JSON as received, the reason, and the page URL
 * and position in headers. No key: the input never had key bytes, and a guessed key could lie.
 */
export function itemDeadLetter(item: unknown, error: ShelfstreamError & { field: string }, url: string, index: number): OutgoingRecord {
  return {
    key: null,
    value: Buffer.from(JSON.stringify(item), 'utf8'),
    timestamp: Date.now(),
    headers: {
      [H.code]: error.code,
      [H.message]: error.message,
      [H.step]: POLLER_STEP,
      [H.field]: error.field,
      [H.url]: url,
      [H.index]: String(index),
    },
  };
}

/** A page body that stayed malformed through every retry, byte for byte as the API sent it. */
export function pageDeadLetter(body: string, error: ShelfstreamError, url: string, attempts: number): OutgoingRecord {
  return {
    key: null,
    value: Buffer.from(body, 'utf8'),
    timestamp: Date.now(),
    headers: {
      [H.code]: error.code,
      [H.message]: error.message,
      [H.step]: POLLER_STEP,
      [H.attempts]: String(attempts),
      [H.url]: url,
    },
  };
}
