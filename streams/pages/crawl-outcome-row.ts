import { z } from 'zod';
import { parseJsonValue } from '../../schemas/json/parse-json-value.ts';
import type { StreamRecord } from '../stream-record.ts';

/**
 * The crawl state's value for one job and URL, as sources/crawler/crawl-state-store.ts writes it
 * (JSON; streams and sources are peers, so the contract is restated here and checked).
 */
const crawlOutcome = z.object({
  job: z.string().min(1),
  url: z.url(),
  outcome: z.string().min(1),
  attempts: z.number().int().nonnegative(),
  // Outcomes recorded before blocked answers were counted lack it: none known.
  blocked: z.number().int().nonnegative().default(0),
  status: z.number().int().nullable(),
  rawKey: z.string().nullable(),
  detail: z.string().nullable(),
  at: z.number().int().nonnegative(),
});

/** A row of `crawl_outcomes_raw` (migration 0009): one finished request, with the host it asked. */
// A type, not an interface: a row must be assignable to a plain record for the insert sink.
export type CrawlOutcomeRow = {
  readonly job: string;
  readonly url: string;
  readonly host: string;
  readonly outcome: string;
  readonly attempts: number;
  readonly blocked: number;
  readonly status: number | null;
  readonly raw_key: string | null;
  readonly detail: string | null;
  readonly at: number;
};

/** Reads a crawl-state record into its row; throws ValidationError saying what is wrong with it (it is dead-lettered). */
export function crawlOutcomeRow(record: StreamRecord<unknown>): CrawlOutcomeRow {
  const o = parseJsonValue(crawlOutcome, record.raw.value, 'crawl outcome', { ...record.origin });
  return { job: o.job, url: o.url, host: new URL(o.url).host, outcome: o.outcome, attempts: o.attempts, blocked: o.blocked, status: o.status, raw_key: o.rawKey, detail: o.detail, at: o.at };
}
