import type { KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { crawlDeadLetter } from './crawl-dead-letters.ts';
import { crawlRequest, frontierRecord } from './crawl-request.ts';
import type { CrawlTopics } from './crawl-topics.ts';
import { decodeBody } from './decode-body.ts';
import { judgePage } from './judge-page.ts';
import { pageOutputs } from './page-outputs.ts';
import type { RawPageStore } from './raw-page-store.ts';

export interface ReextractOptions {
  readonly rawStore: RawPageStore;
  readonly serde: AvroSerde;
  /** Connected by the caller. */
  readonly producer: KafkaProducer;
  readonly topics: Pick<CrawlTopics, 'products' | 'reviews' | 'deadLetter'>;
  /** Only the pages of this crawl job. */
  readonly job?: string;
  /** Only pages fetched on or after this UTC day (YYYY-MM-DD). */
  readonly since?: string;
}

/** What a re-extraction did; every stored page of the selection is counted once. */
export interface ReextractSummary {
  /** Raw pages read. */
  pages: number;
  products: number;
  reviews: number;
  deadLettered: number;
  /** Pages that are not data: throttled, robot checks, errors and 404s, kept raw for the record. */
  notData: number;
}

/**
 * Runs extraction again over the raw layer and writes the events again, with the provenance
 * each page was fetched with (URL, time, job, raw key): after an extractor fix, the topics get
 * the corrected records, keyed as before so compaction keeps the newest. Pages that still fail
 * go to the dead-letter topic again, with their raw key.
 */
export async function reextract(options: ReextractOptions): Promise<ReextractSummary> {
  const summary: ReextractSummary = { pages: 0, products: 0, reviews: 0, deadLettered: 0, notData: 0 };
  for await (const rawKey of options.rawStore.keys(options.since)) {
    const meta = await options.rawStore.head(rawKey);
    if (options.job !== undefined && meta.job !== options.job) continue;
    summary.pages++;
    const html = decodeBody(await options.rawStore.body(rawKey), meta.contentType);
    const judgement = judgePage({ url: meta.url, status: meta.status, html, rawKey });
    if (judgement.kind === 'data') {
      const outputs = await pageOutputs(options.serde, options.topics, judgement.extraction, {
        url: meta.url,
        fetchedAt: meta.fetchedAt,
        job: meta.job,
        rawKey,
      });
      await Promise.all([
        outputs.products.length > 0 ? options.producer.send(options.topics.products, outputs.products) : undefined,
        outputs.reviews.length > 0 ? options.producer.send(options.topics.reviews, outputs.reviews) : undefined,
      ]);
      summary.products += outputs.products.length;
      summary.reviews += outputs.reviews.length;
    } else if (judgement.kind === 'dead-letter') {
      const request = frontierRecord(crawlRequest(meta.job, meta.url));
      await options.producer.send(options.topics.deadLetter, [
        crawlDeadLetter(request, judgement.error, { url: meta.url, job: meta.job, rawKey, attempts: 1 }),
      ]);
      summary.deadLettered++;
    } else {
      summary.notData++;
    }
  }
  return summary;
}
