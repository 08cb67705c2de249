import { UnusablePageError, type ExtractionError } from '../../errors/index.ts';
import type { KafkaDriver, KafkaProducer } from '../../infra/kafka/kafka-driver.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { crawlDeadLetter } from './crawl-dead-letters.ts';
import { progressTopicSpec, SourceProgressStore } from '../source-progress-store.ts';
import { CrawlStateStore, type CrawlOutcome } from './crawl-state-store.ts';
import type { CrawlTopics } from './crawl-topics.ts';
import { decodeBody } from './decode-body.ts';
import { judgePage } from './judge-page.ts';
import { pageOutputs } from './page-outputs.ts';
import type { RawPageStore } from './raw-page-store.ts';
import { isFileUrl, readSavedPage, type SavedPage } from './saved-page.ts';

/** Saved pages are stored as a browser saved them: HTML, in the charset their markup names (UTF-8 unless told). */
const SAVED_CONTENT_TYPE = 'text/html';
/** A saved page was served, so it is judged as a 200 answer: its markup alone says whether it is data or a block. */
const SAVED_STATUS = 200;
/** Where imports record each page they finished, by job and content: compacted, one partition. */
export const SAVED_PAGES_PROGRESS_TOPIC = 'shelfstream.saved-pages-progress';

/** The progress topic's value for one page: what it was when imported. */
interface SavedPageCheckpoint {
  readonly file: string;
  readonly url: string;
  readonly rawKey: string;
  readonly importedAt: number;
}

export interface ImportSavedPagesOptions {
  /** Saved HTML files, in the order they are imported. */
  readonly files: readonly string[];
  readonly rawStore: Pick<RawPageStore, 'put' | 'body'>;
  readonly serde: AvroSerde;
  /** Reads the progress topic, to skip pages imported before. */
  readonly driver: KafkaDriver;
  /** Connected by the caller. */
  readonly producer: KafkaProducer;
  /** Existing topics: the crawl's products, reviews, dead letters and state. */
  readonly topics: Pick<CrawlTopics, 'products' | 'reviews' | 'deadLetter' | 'state'>;
  /** The crawl job the pages are recorded under in the crawl state. */
  readonly job: string;
  /** SAVED_PAGES_PROGRESS_TOPIC unless given; created when missing. */
  readonly progressTopic?: string;
}

/** What one saved page is: what a crawl of it would find. */
export type SavedPageVerdict = 'product' | 'reviews' | 'search' | 'blocked' | 'unrecognized' | 'unreadable';

/** What became of one saved page. */
export interface SavedPageResult {
  readonly file: string;
  readonly url: string;
  /** Where its bytes are kept in the raw layer. */
  readonly rawKey: string;
  readonly verdict: SavedPageVerdict;
  /** The product page's or reviews page's ASIN. */
  readonly asin: string | null;
  /** Events written by this run (none when imported before). */
  readonly products: number;
  readonly reviews: number;
  /** Why it is not data (the block, the unrecognized page, the missing fields); null for data. */
  readonly detail: string | null;
  /** The same bytes were imported in the same job before: nothing written again. */
  readonly importedBefore: boolean;
}

/**
 * Turns saved pages into exactly the events a crawl of them gives: each page's bytes stored in
 * the raw layer as the crawler stores a fetch (keyed by the job and the content's hash), the
 * crawler's extractors run on the stored bytes, product pages to the product-pages topic, reviews
 * to the reviews topic, a blocked or unrecognized page to the crawl's dead letters (never a product with empty fields), and each page's outcome recorded in
 * the crawl state, as the crawler does. Then the page's content (job and SHA-256) is recorded in
 * the progress topic, so it counts as imported only once all it gave is in Kafka: a rerun judges it
 * again for its report and writes nothing, while a page saved again with other content (another
 * snapshot of the same URL) is imported. The crawl state cannot tell that, holding one outcome
 * per URL. A crash before the progress is written imports the page again, which the market
 * pipeline's deduplication of pages and reviews absorbs.
 */
export async function importSavedPages(o: ImportSavedPagesOptions): Promise<SavedPageResult[]> {
  const progress = new SourceProgressStore<SavedPageCheckpoint>(o.driver, o.progressTopic ?? SAVED_PAGES_PROGRESS_TOPIC);
  const admin = await o.driver.admin();
  try {
    await admin.createTopics([progressTopicSpec(progress.topic)]);
  } finally {
    await admin.close();
  }
  const imported = await progress.loadAll();
  const results: SavedPageResult[] = [];
  for (const file of o.files) {
    const page = await readSavedPage(file);
    const rawKey = await o.rawStore.put(
      // The same bytes in the same job are the same fetch, however often imported: storing again overwrites only themselves.
      { url: page.url, job: o.job, fetchId: `${o.job}.${page.sha256}`, fetchedAt: page.savedAt, status: SAVED_STATUS, contentType: SAVED_CONTENT_TYPE, body: page.body },
      page.asin,
    );
    const key = `${o.job}|${page.sha256}`;
    const result = await importPage(o, page, rawKey, imported.has(key));
    if (!result.importedBefore) {
      const checkpoint = { file: page.file, url: page.url, rawKey, importedAt: Date.now() };
      await progress.save(o.producer, key, checkpoint);
      // A copy of the same bytes later in the list is the same page.
      imported.set(key, checkpoint);
    }
    results.push(result);
  }
  return results;
}

async function importPage(o: ImportSavedPagesOptions, page: SavedPage, rawKey: string, importedBefore: boolean): Promise<SavedPageResult> {
  const html = decodeBody(await o.rawStore.body(rawKey), SAVED_CONTENT_TYPE);
  // A file: URL is no base for the extractors' links: they read the page's own URL from its markup.
  const judgement = judgePage({ url: isFileUrl(page.url) ? '' : page.url, status: SAVED_STATUS, html, rawKey });
  const base = { file: page.file, url: page.url, rawKey, importedBefore };
  const state = new CrawlStateStore(o.driver, o.producer, o.topics.state);
  const record = async (outcome: Pick<CrawlOutcome, 'outcome' | 'detail'> & { blocked?: number }): Promise<void> => {
    await state.record({ job: o.job, url: page.url, attempts: 1, blocked: 0, status: SAVED_STATUS, rawKey, at: Date.now(), ...outcome });
  };
  const deadLetter = async (error: UnusablePageError | ExtractionError): Promise<void> => {
    // The dead letter's input is the page's file, as a crawl's is its frontier request.
    const input = { key: Buffer.from(`${o.job}|${page.file}`), value: Buffer.from(JSON.stringify({ job: o.job, url: page.url, file: page.file })) };
    await o.producer.send(o.topics.deadLetter, [crawlDeadLetter(input, error, { url: page.url, job: o.job, rawKey, attempts: 1 })]);
  };
  switch (judgement.kind) {
    case 'data': {
      const { extraction } = judgement;
      const asin = extraction.kind === 'product' ? extraction.product.asin : extraction.kind === 'reviews' ? extraction.asin : null;
      if (importedBefore) return { ...base, verdict: extraction.kind, asin, products: 0, reviews: 0, detail: null };
      const outputs = await pageOutputs(o.serde, o.topics, extraction, { url: page.url, fetchedAt: page.savedAt, job: o.job, rawKey });
      await Promise.all([
        outputs.products.length > 0 ? o.producer.send(o.topics.products, outputs.products) : undefined,
        outputs.reviews.length > 0 ? o.producer.send(o.topics.reviews, outputs.reviews) : undefined,
      ]);
      await record({ outcome: 'fetched', detail: extraction.kind });
      return { ...base, verdict: extraction.kind, asin, products: outputs.products.length, reviews: outputs.reviews.length, detail: null };
    }
    case 'blocked': {
      const detail = `blocked: ${judgement.reason}`;
      if (!importedBefore) {
        await deadLetter(new UnusablePageError('CRAWL_PAGE_BLOCKED', page.url, judgement.reason, { location: { url: page.url, file: rawKey } }));
        await record({ outcome: 'gave-up', detail, blocked: 1 });
      }
      return { ...base, verdict: 'blocked', asin: null, products: 0, reviews: 0, detail };
    }
    case 'dead-letter': {
      const { error } = judgement;
      const detail = `${error.code}: ${error.message}`;
      if (!importedBefore) {
        await deadLetter(error);
        await record({ outcome: 'dead-lettered', detail });
      }
      return { ...base, verdict: error.code === 'CRAWL_PAGE_UNRECOGNIZED' ? 'unrecognized' : 'unreadable', asin: null, products: 0, reviews: 0, detail };
    }
    default:
      // Statuses are judged only for fetches; a saved page is judged as a 200 answer.
      throw new Error(`a saved page judged ${judgement.kind}`);
  }
}
