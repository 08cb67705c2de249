import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Client } from 'minio';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { retry } from '../../infra/retry.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** What the raw layer knows of one fetch besides its body: enough to extract it again. */
export interface RawPageMeta {
  readonly url: string;
  readonly job: string;
  readonly fetchId: string;
  readonly fetchedAt: number;
  readonly status: number;
  readonly contentType: string | null;
}

/** One fetch as the raw layer keeps it: the body as served, and its metadata. */
export interface RawPage extends RawPageMeta {
  readonly body: Buffer;
}

const PREFIX = 'pages/';
/** Object key part for a fetch whose URL names no product (robots pages, search results). */
export const NO_ASIN = 'no-asin';
const META = {
  url: 'crawl-url',
  job: 'crawl-job',
  fetchId: 'fetch-id',
  fetchedAt: 'fetched-at',
  status: 'http-status',
  contentType: 'page-content-type',
} as const;

/** `pages/<UTC date>/<ASIN>/<fetch id>.html.gz`: listable by day and by product. */
export function rawPageKey(fetchedAt: number, asin: string | null, fetchId: string): string {
  return `${PREFIX}${utcDate(fetchedAt)}/${asin ?? NO_ASIN}/${fetchId}.html.gz`;
}

export function utcDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The raw layer of the crawl in the object store: every fetched body gzipped under a key by
 * date, ASIN and fetch id, with the URL, job, status and time in the object's metadata, so any
 * extraction can be run again later from the bytes the server sent (`crawl reextract`).
 */
export class RawPageStore {
  readonly #client: Client;
  readonly bucket: string;

  constructor(client: Client, bucket: string) {
    this.#client = client;
    this.bucket = bucket;
  }

  /** Stores the page and answers its key; a failing store is retried, then reported as unavailable. */
  async put(page: RawPage, asin: string | null): Promise<string> {
    const key = rawPageKey(page.fetchedAt, asin, page.fetchId);
    const body = await gzipAsync(page.body);
    const metadata = {
      'Content-Type': 'application/gzip',
      [`x-amz-meta-${META.url}`]: page.url,
      [`x-amz-meta-${META.job}`]: page.job,
      [`x-amz-meta-${META.fetchId}`]: page.fetchId,
      [`x-amz-meta-${META.fetchedAt}`]: String(page.fetchedAt),
      [`x-amz-meta-${META.status}`]: String(page.status),
      [`x-amz-meta-${META.contentType}`]: page.contentType ?? '',
    };
    await this.#withRetries(`put ${key}`, () => this.#client.putObject(this.bucket, key, body, body.length, metadata));
    return key;
  }

  /** The metadata of the page stored under `key`, without its body. */
  async head(key: string): Promise<RawPageMeta> {
    const stat = await this.#withRetries(`stat ${key}`, () => this.#client.statObject(this.bucket, key));
    const meta = stat.metaData as Record<string, string | undefined>;
    const contentType = meta[META.contentType] ?? '';
    return {
      url: meta[META.url] ?? '',
      job: meta[META.job] ?? '',
      fetchId: meta[META.fetchId] ?? '',
      fetchedAt: Number(meta[META.fetchedAt] ?? stat.lastModified.getTime()),
      status: Number(meta[META.status] ?? 0),
      contentType: contentType === '' ? null : contentType,
    };
  }

  /** The body stored under `key`, gunzipped: the bytes the server sent. */
  async body(key: string): Promise<Buffer> {
    const gzipped = await this.#withRetries(`get ${key}`, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.#client.getObject(this.bucket, key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    return gunzipAsync(gzipped);
  }

  /** Keys of every stored page, oldest day first; from the given UTC day (YYYY-MM-DD) on when `since` is set. */
  async *keys(since?: string): AsyncGenerator<string> {
    const startAfter = since === undefined ? '' : `${PREFIX}${since}`;
    for await (const item of this.#client.listObjectsV2(this.bucket, PREFIX, true, startAfter)) {
      const entry = item as { name?: string };
      if (entry.name?.endsWith('.html.gz') === true) yield entry.name;
    }
  }

  #withRetries<T>(what: string, work: () => Promise<T>): Promise<T> {
    // Keys are unique per fetch, so a repeated put cannot overwrite another page.
    return retry(work, { retries: 3, initialDelayMs: 200, maxDelayMs: 2_000, isRetriable: () => true }).catch((error: unknown) => {
      throw new ServiceUnavailableError('the object store', 'SHELFSTREAM_S3_ENDPOINT', `${what}: ${describeCause(error)}`, { cause: error });
    });
  }
}
