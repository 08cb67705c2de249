import { z } from 'zod';

/**
 * A crawl frontier record's JSON, the contract between the crawler that writes and replays it
 * (sources/crawler/crawl-request.ts, which also normalizes the URL and checks the job id) and the
 * pipeline that loads it (streams/pages/crawl-request-row.ts).
 */
export const crawlRequestJson = z.object({
  job: z.string().min(1),
  url: z.string(),
  attempt: z.number().int().nonnegative(),
  // Absent from requests written before blocked answers were counted: none known.
  blocked: z.number().int().nonnegative().default(0),
  notBefore: z.number().int().nonnegative(),
  depth: z.number().int().nonnegative(),
  referrer: z.string().nullable(),
  addedAt: z.number().int().nonnegative(),
});
