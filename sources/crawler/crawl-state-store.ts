import type { KafkaDriver, KafkaProducer, TopicSpec } from '../../infra/kafka/kafka-driver.ts';
import { CrawlLedger } from './crawl-ledger.ts';

/** How a request ended. Only final outcomes are recorded: retries live in the frontier. */
export type CrawlOutcomeKind =
  /** Data extracted and written (product page, reviews page or search results). */
  | 'fetched'
  /** Fetched, but its layout gave no title or price, or it was no page the extractors know: dead-lettered with its raw key. */
  | 'dead-lettered'
  /** Blocked (captcha, error page, 503, 429) through every attempt, or never reachable: dead-lettered. */
  | 'gave-up'
  /** 404 and other client errors: nothing to extract, nothing to retry. */
  | 'not-found'
  /** Disallowed by the host's robots.txt: never requested. */
  | 'disallowed'
  /** A private or loopback address, or not http(s): never requested. */
  | 'refused';

/** The value of the crawl-state topic for one job and URL. */
export interface CrawlOutcome {
  readonly job: string;
  readonly url: string;
  readonly outcome: CrawlOutcomeKind;
  readonly attempts: number;
  /** Blocked answers (captcha, error page, 503, 429) among the attempts; absent in outcomes recorded before it was counted. */
  readonly blocked?: number;
  /** HTTP status of the last fetch; null when nothing was fetched. */
  readonly status: number | null;
  /** Raw-bucket key of the last fetch's HTML; null when nothing was fetched. */
  readonly rawKey: string | null;
  readonly detail: string | null;
  readonly at: number;
}

export const CRAWL_STATE_TOPIC = 'shelfstream.crawl-state';

/** One partition, compacted: the latest outcome per job and URL is the state. */
export function crawlStateTopicSpec(topic: string = CRAWL_STATE_TOPIC): TopicSpec {
  return { topic, partitions: 1, config: { 'cleanup.policy': 'compact' } };
}

/**
 * The crawl state, event-sourced: each finished request appends its outcome keyed by job and
 * URL, and a crawler (re)starting reads the topic back into its ledger, so no finished URL is
 * fetched again in its job, whichever process fetched it.
 */
export class CrawlStateStore {
  readonly ledger = new CrawlLedger();
  readonly #driver: KafkaDriver;
  readonly #producer: KafkaProducer;
  readonly topic: string;

  constructor(driver: KafkaDriver, producer: KafkaProducer, topic: string = CRAWL_STATE_TOPIC) {
    this.#driver = driver;
    this.#producer = producer;
    this.topic = topic;
  }

  /** Reads every outcome recorded so far into the ledger. */
  async load(): Promise<void> {
    await readOutcomes(this.#driver, this.topic, (key, outcome) => {
      const [job, url] = splitKey(key);
      if (outcome === null) this.ledger.forget(job, url);
      else this.ledger.markFinished(outcome.job, outcome.url);
    });
  }

  /** Writes an outcome and waits until the broker has it; only then is the URL finished. */
  async record(outcome: CrawlOutcome): Promise<void> {
    await this.#producer.send(this.topic, [
      { key: Buffer.from(`${outcome.job}|${outcome.url}`), value: Buffer.from(JSON.stringify(outcome)), partition: 0, timestamp: outcome.at },
    ]);
    this.ledger.markFinished(outcome.job, outcome.url);
  }
}

/** Every outcome of the topic in order (null for a tombstone), keyed by `job|url`. */
export async function readOutcomes(
  driver: KafkaDriver,
  topic: string,
  handle: (key: string, outcome: CrawlOutcome | null) => void,
): Promise<void> {
  await driver.readPartition(topic, 0, (records) => {
    for (const r of records) {
      if (r.key === null) continue;
      handle(r.key.toString('utf8'), r.value === null ? null : (JSON.parse(r.value.toString('utf8')) as CrawlOutcome));
    }
  });
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('|');
  return [key.slice(0, at), key.slice(at + 1)];
}
