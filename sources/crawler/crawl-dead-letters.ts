import type { ShelfstreamError } from '../../errors/index.ts';
import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { DEAD_LETTER_HEADERS } from '../../sinks/kafka/dead-letter-headers.ts';

/** Header names on the crawler's dead letters: the error as every dead letter has it, and the page it is about. */
export const CRAWL_DEAD_LETTER_HEADERS = {
  code: DEAD_LETTER_HEADERS.code,
  message: DEAD_LETTER_HEADERS.message,
  step: DEAD_LETTER_HEADERS.step,
  field: 'shelfstream.error.field',
  attempts: 'shelfstream.error.attempts',
  url: 'shelfstream.source.url',
  /** Key of the page's raw HTML in the raw bucket: the claim check to look at or re-extract it. */
  rawKey: 'shelfstream.source.raw-key',
  job: 'shelfstream.crawl.job',
} as const;

export const CRAWLER_STEP = 'crawler';

const H = CRAWL_DEAD_LETTER_HEADERS;

/** What the dead letter is about: the page's URL and job, its raw HTML (when fetched) and the fetches made. */
export interface DeadPage {
  readonly url: string;
  readonly job: string;
  readonly rawKey: string | null;
  readonly attempts: number;
}

/**
 * A request the crawler gave up on, or a page it could not read: the frontier record's key and
 * value bytes as read (so it can be put back in the frontier once fixed), with the reason and
 * the raw HTML key in headers.
 */
export function crawlDeadLetter(input: { readonly key: Buffer | null; readonly value: Buffer | null }, error: ShelfstreamError, page: DeadPage): OutgoingRecord {
  const field = (error as { field?: unknown }).field;
  return {
    key: input.key,
    value: input.value,
    timestamp: Date.now(),
    headers: {
      [H.code]: error.code,
      [H.message]: error.message,
      [H.step]: CRAWLER_STEP,
      [H.url]: page.url,
      [H.job]: page.job,
      [H.attempts]: String(page.attempts),
      ...(page.rawKey === null ? {} : { [H.rawKey]: page.rawKey }),
      ...(typeof field === 'string' ? { [H.field]: field } : {}),
    },
  };
}
