import { z } from 'zod';
import { ValidationError } from '../../errors/index.ts';
import type { IncomingRecord, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { crawlUrl, hostOf } from './crawl-url.ts';

/** Crawl job ids name keys, headers and logs: letters, digits, dot, dash and underscore. */
export const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const schema = z.object({
  job: z.string().regex(JOB_ID, 'expected a job id of letters, digits, ".", "-" and "_"'),
  url: z.string().transform((url, ctx) => {
    try {
      return crawlUrl(url);
    } catch {
      ctx.addIssue({ code: 'custom', message: `not an http(s) URL: ${url}` });
      return z.NEVER;
    }
  }),
  attempt: z.number().int().nonnegative(),
  // Absent from requests written before it was counted.
  blocked: z.number().int().nonnegative().default(0),
  notBefore: z.number().int().nonnegative(),
  depth: z.number().int().nonnegative(),
  referrer: z.string().nullable(),
  addedAt: z.number().int().nonnegative(),
});

/**
 * One record of the crawl frontier: fetch `url` for crawl `job`. Seeds, discovered links,
 * retries and requests deferred by politeness are all frontier records, so the frontier topic
 * holds every request the crawl ever had, and a restarted crawler goes on from its committed
 * offsets. JSON, like the other private logs of the sources; the data events are Avro. `blocked`
 * counts the blocked answers among its attempts so far, so its final outcome can tell them.
 */
export type CrawlRequest = z.output<typeof schema>;

/** A new request for `url` (normalized), fetched at once. */
export function crawlRequest(job: string, url: string, from?: { readonly url: string; readonly depth: number }): CrawlRequest {
  return { job, url: crawlUrl(url), attempt: 0, blocked: 0, notBefore: 0, depth: from === undefined ? 0 : from.depth + 1, referrer: from?.url ?? null, addedAt: Date.now() };
}

/**
 * Keyed by job and host, so every request to one host lands in one partition and one crawler
 * instance: politeness per host then holds across the whole consumer group.
 */
export function frontierRecord(request: CrawlRequest): OutgoingRecord {
  return { key: Buffer.from(`${request.job}|${hostOf(request.url)}`), value: Buffer.from(JSON.stringify(request)), timestamp: Date.now() };
}

/** Reads a frontier record; throws ValidationError for anything else (it is dead-lettered, never retried). */
export function parseFrontierRecord(record: IncomingRecord): CrawlRequest {
  const location = { topic: record.topic, partition: record.partition, offset: record.offset };
  let json: unknown;
  try {
    json = JSON.parse(record.value?.toString('utf8') ?? 'null');
  } catch {
    throw new ValidationError(['frontier record is not JSON'], location);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), location);
  return parsed.data;
}
