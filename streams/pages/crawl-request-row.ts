import { z } from 'zod';
import { crawlRequestJson } from '../../schemas/json/crawl-request-json.ts';
import { parseJsonValue } from '../../schemas/json/parse-json-value.ts';
import type { StreamRecord } from '../stream-record.ts';

/** A row of `crawl_requests_raw` (migration 0010): one request of the crawl frontier, with the host it asks. */
// A type, not an interface: a row must be assignable to a plain record for the insert sink.
export type CrawlRequestRow = {
  readonly job: string;
  readonly url: string;
  readonly host: string;
  readonly attempt: number;
  readonly blocked: number;
  readonly depth: number;
  readonly referrer: string | null;
  readonly not_before: number;
  readonly added_at: number;
};

/** Reads a crawl frontier record into its row; throws ValidationError saying what is wrong with it (it is dead-lettered). */
export function crawlRequestRow(record: StreamRecord<unknown>): CrawlRequestRow {
  const r = parseJsonValue(crawlRequestJson.extend({ url: z.url() }), record.raw.value, 'crawl request', { ...record.origin });
  return { job: r.job, url: r.url, host: new URL(r.url).host, attempt: r.attempt, blocked: r.blocked, depth: r.depth, referrer: r.referrer, not_before: r.notBefore, added_at: r.addedAt };
}
