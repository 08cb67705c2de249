import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import type { CrawlTopics } from '../sources/crawler/crawl-topics.ts';
import { bronzeTable } from './bronze-topology.ts';
import { MARKET_GOLD_TABLES } from './market-windows.ts';
import { revenueGoldTable } from './order-revenue-topology.ts';
import { salesSilverTable } from './sales-pipeline-topology.ts';
import { SALES_GOLD_TABLES } from './sales-windows.ts';

const DAY = 86_400_000;

/** Where the main job reads and writes; another application id and topics keep a test's run apart from the user's. */
export interface MainJobNames {
  readonly applicationId: string;
  readonly ordersTopic: string;
  readonly outputTopic: string;
  /** The sales pipeline's enriched orders; its group is `<applicationId>-sales` and its Iceberg namespace follows from that. */
  readonly enrichedTopic: string;
  /** The sales pipeline's KPIs per category, country, payment method and currency, per minute and per hour (WindowAggregate records). */
  readonly salesPerMinuteTopic: string;
  readonly salesPerHourTopic: string;
  /** The market pipeline's inputs and output; its group is `<applicationId>-market`. */
  readonly productsTopic: string;
  readonly observationsTopic: string;
  readonly enrichedObservationsTopic: string;
  /** The market pipeline's per-ASIN price and sales-rank windows per hour (WindowAggregate records). */
  readonly movementTopic: string;
  /** The market pipeline's per-ASIN reviews per day written (WindowAggregate records). */
  readonly reviewDaysTopic: string;
  /** The market pipeline's observed prices per top category and hour (WindowAggregate records with p10/p50/p90). */
  readonly categoryPricesTopic: string;
  /** The crawl of the fixture storefront: frontier, state, product pages, reviews (the market pipeline's input) and dead letters. */
  readonly crawlTopics: CrawlTopics;
  /** The poller's: its dead letters, and its cursor (compacted). */
  readonly observationsDeadLetterTopic: string;
  readonly pollerCursorTopic: string;
}

/** The main job's names under a prefix: `<prefix>-main-job` for its groups, `<prefix>.<name>` for its topics. */
export const mainJobNames = (prefix: string): MainJobNames => ({
  applicationId: `${prefix}-main-job`,
  ordersTopic: `${prefix}.orders`,
  outputTopic: `${prefix}.revenue-per-day`,
  enrichedTopic: `${prefix}.enriched-orders`,
  salesPerMinuteTopic: `${prefix}.sales-per-minute`,
  salesPerHourTopic: `${prefix}.sales-per-hour`,
  productsTopic: `${prefix}.catalog-products`,
  observationsTopic: `${prefix}.marketplace-observations`,
  enrichedObservationsTopic: `${prefix}.enriched-observations`,
  movementTopic: `${prefix}.asin-movement-per-hour`,
  reviewDaysTopic: `${prefix}.asin-reviews-per-day`,
  categoryPricesTopic: `${prefix}.category-price-per-hour`,
  // Under the default prefix these are the crawl and poll commands' default topics.
  crawlTopics: {
    frontier: `${prefix}.crawl-frontier`,
    state: `${prefix}.crawl-state`,
    products: `${prefix}.product-pages`,
    reviews: `${prefix}.reviews`,
    deadLetter: `${prefix}.crawl-dead-letters`,
  },
  observationsDeadLetterTopic: `${prefix}.marketplace-observations.dead-letter`,
  pollerCursorTopic: `${prefix}.poller-cursor`,
});

/** The Iceberg namespace of the revenue topology's gold table, after its group. */
export const goldNamespace = (names: MainJobNames): string => names.applicationId.replaceAll('-', '_');

/** The market pipeline's gold table of per-ASIN movement windows, beside the revenue gold table. */
export const asinMovementGoldTable = (names: MainJobNames): TableIdentifier => ({ namespace: [goldNamespace(names)], name: MARKET_GOLD_TABLES.movement });

/** The market pipeline's gold table of per-ASIN reviews per day. */
export const asinReviewsGoldTable = (names: MainJobNames): TableIdentifier => ({ namespace: [goldNamespace(names)], name: MARKET_GOLD_TABLES.reviews });

/** The market pipeline's gold table of category prices per hour. */
export const categoryPricesGoldTable = (names: MainJobNames): TableIdentifier => ({ namespace: [goldNamespace(names)], name: MARKET_GOLD_TABLES.categoryPrices });

/** The sales pipeline's gold table of sales KPIs per minute, beside the revenue gold table. */
export const salesPerMinuteGoldTable = (names: MainJobNames): TableIdentifier => ({ namespace: [goldNamespace(names)], name: SALES_GOLD_TABLES.minute });

/** The sales pipeline's gold table of sales KPIs per hour. */
export const salesPerHourGoldTable = (names: MainJobNames): TableIdentifier => ({ namespace: [goldNamespace(names)], name: SALES_GOLD_TABLES.hour });

/** The bronze topology's group, beside the revenue topology's. */
export const bronzeApplicationId = (names: MainJobNames): string => `${names.applicationId}-bronze`;

/** The raw topics the bronze topology loads as received: the replayed orders and catalog, the observations, the crawled pages and reviews. */
export const mainJobRawTopics = (names: MainJobNames): string[] => [names.ordersTopic, names.productsTopic, names.observationsTopic, names.crawlTopics.products, names.crawlTopics.reviews];

/** The Iceberg namespace of the bronze tables, beside the gold tables'. */
export const bronzeNamespace = (names: MainJobNames): string => `${goldNamespace(names)}_bronze`;

/** The bronze table of each raw topic, by topic. */
export const mainJobBronzeTables = (names: MainJobNames): Map<string, TableIdentifier> => new Map(mainJobRawTopics(names).map((topic) => [topic, bronzeTable(bronzeNamespace(names), topic)]));

/** Every Iceberg table of the main job: silver, gold and bronze. */
export const mainJobTables = (names: MainJobNames): TableIdentifier[] => [...Object.values(mainJobIcebergTables(names)), ...mainJobBronzeTables(names).values()];

/** The market pipeline's group, beside the revenue topology's. */
export const marketApplicationId = (names: MainJobNames): string => `${names.applicationId}-market`;

/** The sales pipeline's group, beside the revenue topology's. */
export const salesApplicationId = (names: MainJobNames): string => `${names.applicationId}-sales`;

/** The main job's Iceberg tables: the sales pipeline's silver table and its per-minute and per-hour gold tables, the revenue topology's gold table and the market pipeline's movement, review-day and category price gold tables. */
export const mainJobIcebergTables = (
  names: MainJobNames,
): { silver: TableIdentifier; gold: TableIdentifier; salesPerMinute: TableIdentifier; salesPerHour: TableIdentifier; movement: TableIdentifier; reviewDays: TableIdentifier; categoryPrices: TableIdentifier } => ({
  silver: salesSilverTable({ applicationId: salesApplicationId(names) }),
  gold: revenueGoldTable(goldNamespace(names), DAY),
  salesPerMinute: salesPerMinuteGoldTable(names),
  salesPerHour: salesPerHourGoldTable(names),
  movement: asinMovementGoldTable(names),
  reviewDays: asinReviewsGoldTable(names),
  categoryPrices: categoryPricesGoldTable(names),
});
