import { z } from 'zod';
import type { IncomingRecord, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { crawlRequestJson } from '../../schemas/json/crawl-request-json.ts';
import { parseJsonValue } from '../../schemas/json/parse-json-value.ts';
import { crawlUrl, hostOf } from './crawl-url.ts';

/** Crawl job ids name keys, headers and logs: letters, digits, dot, dash and underscore. */
export const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const schema = crawlRequestJson.extend({
  job: z.string().regex(JOB_ID, 'expected a job id of letters, digits, ".", "-" and "_"'),
  url: z.string().transform((url, ctx) => {
    try {
      return crawlUrl(url);
    } catch {
      ctx.addIssue({ code: 'custom', message: `not an http(s) URL: ${url}` });
      return z.NEVER;
    }
  }),
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
  return parseJsonValue(schema, record.value, 'frontier record', { topic: record.topic, partition: record.partition, offset: record.offset });
}
