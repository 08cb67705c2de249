import type { ShelfstreamError } from '../../errors/index.ts';
import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { deadLetterRecord } from '../../schemas/dead-letter/dead-letter-record.ts';

/** The step name the crawler's dead letters carry, as operators carry theirs. */
const CRAWLER_STEP = 'crawler';

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
  return deadLetterRecord(
    { key: input.key, value: input.value },
    { code: error.code, message: error.message, step: CRAWLER_STEP, attempts: page.attempts, field: typeof field === 'string' ? field : null },
    { url: page.url, job: page.job, rawKey: page.rawKey },
  );
}
