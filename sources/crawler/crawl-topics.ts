import type { TopicSpec } from '../../infra/kafka/kafka-driver.ts';
import { crawlStateTopicSpec, CRAWL_STATE_TOPIC } from './crawl-state-store.ts';

/** The topics of a crawl: its requests, its state, its events and its dead letters. */
export interface CrawlTopics {
  /** Crawl requests (JSON), keyed by job and host. */
  readonly frontier: string;
  /** Final outcome per job and URL (JSON), compacted. */
  readonly state: string;
  /** CrawledProductPage events (Avro), keyed by ASIN. */
  readonly products: string;
  /** CrawledReview events (Avro), one per review, keyed by ASIN. */
  readonly reviews: string;
  readonly deadLetter: string;
}

/** Product and review topics as named in schemas/subjects.json. */
export const DEFAULT_CRAWL_TOPICS: CrawlTopics = {
  frontier: 'shelfstream.crawl-frontier',
  state: CRAWL_STATE_TOPIC,
  products: 'shelfstream.product-pages',
  reviews: 'shelfstream.reviews',
  deadLetter: 'shelfstream.crawl-dead-letters',
};

/** The topics to create before crawling; `partitions` for all but the one-partition state topic. */
export function crawlTopicSpecs(topics: CrawlTopics, partitions: number): TopicSpec[] {
  return [
    { topic: topics.frontier, partitions },
    crawlStateTopicSpec(topics.state),
    { topic: topics.products, partitions },
    { topic: topics.reviews, partitions },
    { topic: topics.deadLetter, partitions },
  ];
}
