import { setTimeout as sleep } from 'node:timers/promises';
import { ItemMappingError, MalformedResponseError, RateLimitedError } from '../../errors/index.ts';
import type { KafkaProducer, OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { defaultRetryPolicy, retry, type RetryPolicy } from '../../infra/retry.ts';
import { deadLetterRecord } from '../../schemas/dead-letter/dead-letter-record.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';
import { mapObservation } from './map-observation.ts';
import type { ApiPage, MarketplaceApiClient, PagePosition } from './marketplace-api-client.ts';
import type { CursorStore } from './poller-cursor-store.ts';

export interface MarketplacePollerOptions {
  readonly client: MarketplaceApiClient;
  /** Connected by the caller, and shared with a Kafka cursor store. */
  readonly producer: KafkaProducer;
  readonly serde: AvroSerde;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly cursor: CursorStore;
  /** `source` of every observation: which API it came from. */
  readonly source?: string;
  /** Where a poller without a saved cursor starts (ISO 8601); the beginning of the feed when absent. */
  readonly since?: string;
  /** Retries of one page request; errors flagged retriable (429, 5xx, network, malformed body) are retried. */
  readonly retry?: RetryPolicy;
  /** Longest Retry-After honoured as given; a longer one is waited for this long, then retried. */
  readonly maxRetryAfterMs?: number;
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

/** What one poll did: pages written, observations produced, items dead-lettered, and the cursor it ends at. */
export interface PollSummary {
  readonly pages: number;
  readonly observations: number;
  readonly deadLetters: number;
  readonly cursor: string | null;
}

const SCHEMA = readSchemaFile('marketplace-observation');

/** The step name the poller's dead letters carry, as operators carry theirs. */
const POLLER_STEP = 'marketplace-poller';

/**
 * Polls a marketplace product-data API into Kafka. Each page is fetched (with retries and the
 * API's Retry-After honoured), its items mapped to Avro MarketplaceObservations keyed by ASIN,
 * unmappable items dead-lettered, and only once both are acknowledged is the page's cursor saved:
 * a restart resumes after the last page written and fetches nothing twice. A crash between the
 * records and the cursor refetches that one page (at-least-once, as Kafka without transactions allows).
 */
export class MarketplacePoller {
  readonly #o: MarketplacePollerOptions;
  #cursor: string | null | undefined;

  constructor(options: MarketplacePollerOptions) {
    this.#o = options;
  }

  /** Reads pages from the saved cursor until the API says there are no more. */
  async pollOnce(): Promise<PollSummary> {
    if (this.#cursor === undefined) this.#cursor = (await this.#o.cursor.load())?.cursor ?? null;
    let pages = 0;
    let observations = 0;
    let deadLetters = 0;
    for (;;) {
      const page = await this.#fetch(this.#position());
      const out = await this.#map(page);
      await Promise.all([
        out.records.length > 0 ? this.#o.producer.send(this.#o.topic, out.records) : undefined,
        out.dead.length > 0 ? this.#o.producer.send(this.#o.deadLetterTopic, out.dead) : undefined,
      ]);
      if (page.nextCursor !== null && page.nextCursor !== this.#cursor) {
        await this.#o.cursor.save(page.nextCursor);
        this.#cursor = page.nextCursor;
      }
      pages++;
      observations += out.records.length;
      deadLetters += out.dead.length;
      if (!page.hasMore) return { pages, observations, deadLetters, cursor: this.#cursor };
    }
  }

  /**
   * Polls every `intervalMs` until `signal` aborts. A poll that fails on a retriable error is
   * reported and tried again next interval from the same cursor; any other error ends the loop.
   */
  async run(intervalMs: number, signal: AbortSignal, onPoll?: (result: PollSummary | Error) => void): Promise<void> {
    while (!signal.aborted) {
      try {
        onPoll?.(await this.pollOnce());
      } catch (error) {
        if (!defaultRetryPolicy.isRetriable(error)) throw error;
        onPoll?.(error instanceof Error ? error : new Error(String(error)));
      }
      await sleep(intervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  #position(): PagePosition {
    if (this.#cursor !== null && this.#cursor !== undefined) return { cursor: this.#cursor };
    return this.#o.since === undefined ? {} : { updatedSince: this.#o.since };
  }

  /** One page with retries; a body that stays malformed is dead-lettered before the error ends the poll. */
  async #fetch(position: PagePosition): Promise<ApiPage> {
    const { onRetry, maxRetryAfterMs = 300_000 } = this.#o;
    const policy: RetryPolicy = {
      ...(this.#o.retry ?? defaultRetryPolicy),
      delayFor: (error) => (error instanceof RateLimitedError ? Math.min(error.retryAfterMs, maxRetryAfterMs) : undefined),
      ...(onRetry === undefined ? {} : { onRetry }),
    };
    let attempts = 0;
    try {
      return await retry((n) => {
        attempts = n + 1;
        return this.#o.client.fetchPage(position);
      }, policy);
    } catch (error) {
      if (error instanceof MalformedResponseError) {
        // The body byte for byte as the API sent it, so it can be shown to the API's maintainers.
        const page = deadLetterRecord(
          { key: null, value: Buffer.from(error.body, 'utf8') },
          { code: error.code, message: error.message, step: POLLER_STEP, attempts },
          { url: error.location.url ?? '' },
        );
        await this.#o.producer.send(this.#o.deadLetterTopic, [page]);
      }
      throw error;
    }
  }

  async #map(page: ApiPage): Promise<{ records: OutgoingRecord[]; dead: OutgoingRecord[] }> {
    const records: OutgoingRecord[] = [];
    const dead: OutgoingRecord[] = [];
    const source = this.#o.source ?? 'marketplace-api';
    for (const [index, item] of page.items.entries()) {
      let observation: MarketplaceObservation;
      try {
        observation = mapObservation(item, source, { url: page.url });
      } catch (error) {
        if (!(error instanceof ItemMappingError)) throw error;
        // The item's JSON as received; no key: the input never had key bytes, and a guessed key could lie.
        dead.push(
          deadLetterRecord(
            { key: null, value: Buffer.from(JSON.stringify(item), 'utf8') },
            { code: error.code, message: error.message, step: POLLER_STEP, field: error.field },
            { url: page.url, index },
          ),
        );
        continue;
      }
      records.push({
        key: await this.#o.serde.serialize(subjectName(this.#o.topic, 'key'), KEY_SCHEMA, observation.asin),
        value: await this.#o.serde.serialize(subjectName(this.#o.topic, 'value'), SCHEMA, observation),
        timestamp: observation.observed_at,
      });
    }
    return { records, dead };
  }
}
