import { PageFetchError, UrlRefusedError } from '../../errors/index.ts';
import type { KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import { crawlRequest, frontierRecord } from './crawl-request.ts';
import type { UrlGuard } from './url-guard.ts';

/** What `crawl add` did: requests appended, and the URLs refused (or whose host does not resolve) with the reason. */
export interface AddSummary {
  readonly job: string;
  readonly added: number;
  readonly refused: readonly { readonly url: string; readonly reason: string }[];
}

/**
 * Appends seed requests for `job` to the frontier, refusing at once what the guard refuses
 * (not http(s), private addresses), so a mistake shows when it is made rather than in the
 * crawl's state. The crawler checks again when it fetches: DNS answers change. URLs already
 * finished in the job are skipped by the crawler, not here.
 */
export async function addRequests(producer: KafkaProducer, frontierTopic: string, job: string, urls: readonly string[], guard: UrlGuard): Promise<AddSummary> {
  const records = [];
  const refused: { url: string; reason: string }[] = [];
  for (const url of urls) {
    try {
      records.push(frontierRecord(crawlRequest(job, await guard.check(url))));
    } catch (error) {
      if (!(error instanceof UrlRefusedError || error instanceof PageFetchError)) throw error;
      refused.push({ url, reason: error.message });
    }
  }
  if (records.length > 0) await producer.send(frontierTopic, records);
  return { job, added: records.length, refused };
}
