import type { ShelfstreamConfig } from '../config/index.ts';
import { KafkaClientError } from '../errors/index.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientSqlEngine } from '../infra/clickhouse/client-sql-engine.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import { sql } from '../infra/clickhouse/sql-literal.ts';
import { startCompactionSchedule } from '../infra/iceberg/compaction-schedule.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import { currentSnapshot } from '../infra/iceberg/table-metadata.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { groupCaughtUp } from '../infra/kafka/group-caught-up.ts';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import { TopologyRunner } from '../runtime/topology-runner.ts';
import type { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import { applyKpiSchema } from '../sinks/clickhouse/kpi-schema-migrations.ts';
import { salesKpis } from '../sinks/clickhouse/kpi-queries/sales-kpis.ts';
import { DEFAULT_GENERATOR_START } from '../sources/generator/generated-event.ts';
import { generateObservations } from '../sources/generator/observation-generator.ts';
import { produceGenerated } from '../sources/generator/produce-generated.ts';
import { minorDigits } from '../sources/replay/money-text.ts';
import type { SavedPageResult } from '../sources/crawler/import-saved-pages.ts';
import type { ReplayTotals } from '../sources/replay/replay-totals.ts';
import { orderGroupOf } from '../streams/orders/order-group.ts';
import { revenueNames } from '../streams/orders/revenue-names.ts';
import { asinMovementGoldTable, asinReviewsGoldTable, bronzeApplicationId, bronzeNamespace, categoryPricesGoldTable, goldNamespace, mainJobBronzeTables, mainJobRawTopics, mainJobNames, marketApplicationId, salesApplicationId, salesPerHourGoldTable, salesPerMinuteGoldTable, type MainJobNames } from '../topology/main-job-names.ts';
import { bronzeTopology } from '../topology/bronze-topology.ts';
import { marketPipelineTopology } from '../topology/market-pipeline-topology.ts';
import { orderRevenueTopology, revenueGoldTable } from '../topology/order-revenue-topology.ts';
import { salesPipelineTopology, salesSilverTable } from '../topology/sales-pipeline-topology.ts';
import { BUNDLED_INPUTS, type MainJobInputs } from './main-job-inputs.ts';
import { replayMainJobInputs, SAMPLE_SEED } from './main-job-replay.ts';
import { FIXTURE_API_SOURCE, noFixtureSources, startFixtureSources, type FixtureSources, type SourceTotals } from './main-job-sources.ts';

const DAY = 86_400_000;
const PARTITIONS = 3;
const SAMPLE_OBSERVATIONS = 3_000;

/** The services the main job uses, as the stack probe names them. */
export const MAIN_JOB_SERVICES: readonly string[] = ['kafka', 'schema-registry', 'object-store', 'clickhouse', 'iceberg-catalog'];

export const MAIN_JOB: MainJobNames = mainJobNames('shelfstream');

/** Revenue in minor units of one currency; `of` names what it is the revenue of (a category, or the total). */
export interface Revenue {
  readonly of: string;
  readonly currency: string;
  readonly minor: number;
}

/** The revenue of one day's window of one category, country and currency; final once the window closed. */
export interface DailyRevenue {
  /** The window's day, YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly category: string;
  readonly country: string;
  readonly currency: string;
  readonly minor: number;
  readonly orders: number;
  readonly final: boolean;
}

/** What the lake and the OLAP store hold after a run: read back from them, not counted on the way in. */
export interface SinkTotals {
  readonly clickhouseDatabase: string;
  /** Orders in ClickHouse's enriched table, and in its sales KPI views. */
  readonly clickhouseOrders: number;
  readonly kpiOrders: number;
  /** Per category and currency from the hourly sales KPI view, largest first (revenue as the enrichment defines it: before tax and shipping). */
  readonly kpiRevenueByCategory: readonly Revenue[];
  /** Orders per category from the same view. */
  readonly kpiOrdersByCategory: Readonly<Record<string, number>>;
  readonly icebergTable: string;
  /** Rows of the Iceberg silver table's current snapshot (its summary's total-records). */
  readonly icebergRows: number;
  /** The gold table of daily revenue windows and its rows: one per window, a re-emitted window replacing its row. */
  readonly goldTable: string;
  readonly goldRows: number;
  /** The gold tables of sales KPIs per minute and per hour, and their rows (one per metric, category|country|payment method|currency group and window). */
  readonly salesPerMinuteGoldTable: string;
  readonly salesPerMinuteGoldRows: number;
  readonly salesPerHourGoldTable: string;
  readonly salesPerHourGoldRows: number;
  /** The gold table of per-ASIN price and sales-rank windows per hour, and its rows (one per metric, ASIN group and hour). */
  readonly movementGoldTable: string;
  readonly movementGoldRows: number;
  /** The gold table of per-ASIN reviews per day written, and its rows (one per ASIN and day). */
  readonly reviewDaysGoldTable: string;
  readonly reviewDaysGoldRows: number;
  /** The gold table of observed prices per top category and hour, and its rows. */
  readonly categoryPricesGoldTable: string;
  readonly categoryPricesGoldRows: number;
  /** Rows of each raw topic's bronze table, by topic: every event as received. */
  readonly bronzeRows: Readonly<Record<string, number>>;
  /** The market pipeline's: catalog listings and enriched observations in ClickHouse, and the observations flagged as price drops. */
  readonly catalogRows: number;
  readonly observationRows: number;
  readonly priceDrops: number;
  /** Of those observations, the ones polled from the fixture API. */
  readonly polledObservationRows: number;
  /** Crawled reviews in ClickHouse's reviews_raw (each review once), and their count per sentiment label. */
  readonly reviewRows: number;
  readonly reviewsBySentiment: Readonly<Record<string, number>>;
  /** Crawled product pages in product_pages_raw (each distinct page once, with its catalog entry), and the crawl's final outcomes per job and URL. */
  readonly pageRows: number;
  readonly pagesListedInCatalog: number;
  readonly crawlOutcomeRows: number;
}

export interface MainJobReport {
  readonly sample: string;
  readonly replay: ReplayTotals;
  /** Each products file's replay, the saved pages' imports, and whether the synthetic inputs ran (see MainJobInputs). */
  readonly catalog: readonly ReplayTotals[];
  readonly pages: readonly SavedPageResult[];
  readonly fixtures: boolean;
  /** Listings the catalog step dropped in this run as repeats of one already loaded (the same ASIN and content in several category files). */
  readonly catalogRepeats: number;
  /** What this run crawled (null when Chromium is unavailable) and polled; a rerun finds nothing new. */
  readonly sources: SourceTotals;
  /** ClickHouse migrations this run applied (none when the database was up to date). */
  readonly migrationsApplied: readonly string[];
  readonly finalWindows: number;
  readonly openWindows: number;
  /** Every daily window, by day, category, country and currency. */
  readonly windows: readonly DailyRevenue[];
  /** Per day and currency, in date order. */
  readonly revenueByDay: readonly Revenue[];
  /** Per category and currency, largest first: amounts in different currencies are never added. */
  readonly revenueByCategory: readonly Revenue[];
  /** Per currency, largest first. */
  readonly revenueByCurrency: readonly Revenue[];
  readonly outcomes: Readonly<Record<string, number>>;
  readonly sinks: SinkTotals;
  readonly topics: readonly string[];
}

/** One of the main job's topologies, running. */
export interface RunningTopology {
  readonly topology: Topology;
  readonly runner: TopologyRunner;
}

/** The main job started: its sample replayed, its ClickHouse schema migrated, its topologies running. */
export interface StartedMainJob {
  readonly sample: string;
  readonly replay: ReplayTotals;
  readonly catalog: readonly ReplayTotals[];
  readonly pages: readonly SavedPageResult[];
  readonly fixtures: boolean;
  readonly migrationsApplied: readonly string[];
  readonly revenue: RunningTopology;
  readonly sales: RunningTopology;
  readonly market: RunningTopology;
  /** The raw topics as received, into their bronze tables. */
  readonly bronze: RunningTopology;
  /** The crawler and the poller on the fixtures (settled at once when they are off). */
  readonly sources: FixtureSources;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  /** Errors a runner stopped on; the caller decides whether to end. */
  readonly fatal: readonly unknown[];
  stop(): Promise<void>;
}

/**
 * Starts the main job on its inputs (see replayMainJobInputs): the user's sales and product CSVs
 * and saved pages, or the bundled sample (a seeded sales CSV with the real file's columns and its
 * catalog), replayed into Kafka (resuming, so a rerun adds nothing) with an end-of-input
 * announcement ending every orders partition; the ClickHouse schema migrated; unless the
 * fixtures are off, observations generated for the sample's catalog, the fixture storefront crawled
 * and the fixture API polled (once when bounded, every interval when streaming; see
 * startFixtureSources); then four topologies, each its own consumer group: the revenue topology
 * over the orders (daily windows; the sample's dates carry no time of day, so windows are days, with
 * a day of disorder allowed), the sales pipeline (enriched orders into their topic, ClickHouse and
 * the Iceberg silver table), the market pipeline (catalog, generated and polled observations,
 * crawled pages and reviews into ClickHouse; its windows into their topics and gold tables) and the
 * bronze topology (every raw topic as received into its Iceberg bronze table).
 */
export async function startMainJob(
  config: ShelfstreamConfig,
  stackDir: string,
  log: (line: string) => void,
  names: MainJobNames = MAIN_JOB,
  mode: 'bounded' | 'streaming' = 'bounded',
  inputs: MainJobInputs = BUNDLED_INPUTS,
): Promise<StartedMainJob> {
  const orders = { topic: names.ordersTopic, partitions: PARTITIONS };
  const migrationsApplied = (await applyKpiSchema(config)).map((m) => m.file);
  log(`ClickHouse ${config.clickhouse.database}: ${migrationsApplied.length === 0 ? 'schema up to date' : `applied ${migrationsApplied.join(', ')}`}`);
  const driver = createKafkaDriver(config);
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const replayed = await replayMainJobInputs({ config, driver, serde, names, inputs, stackDir, partitions: PARTITIONS, log });
  const products = { topic: names.productsTopic, partitions: PARTITIONS };
  const observations = { topic: names.observationsTopic, partitions: PARTITIONS };
  if (inputs.fixtures) {
    // Marketplace-API readings of the sample's catalog (same seed, same ASINs); resumed like a replay, so a rerun adds none.
    const observed = await produceGenerated({
      events: generateObservations({ seed: SAMPLE_SEED, count: SAMPLE_OBSERVATIONS, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.02 }),
      schema: readSchemaFile('marketplace-observation'),
      topic: observations.topic,
      partitions: PARTITIONS,
      driver,
      serde,
      rate: 'max',
      resumeKey: JSON.stringify(['observations', SAMPLE_SEED, SAMPLE_OBSERVATIONS, observations.topic]),
    });
    log(`generated ${observed.produced + observed.skipped} marketplace observations: ${observed.produced} produced, ${observed.skipped} before`);
  }

  const fatal: unknown[] = [];
  // Before the topologies, so the reviews topic they read exists; the crawl and the poll go on in the background.
  const sources = !inputs.fixtures ? noFixtureSources() : await startFixtureSources({
    config,
    driver,
    serde,
    names,
    stackDir,
    seed: SAMPLE_SEED,
    partitions: PARTITIONS,
    continuous: mode === 'streaming',
    log,
    onFatal: (error) => fatal.push(error),
  });
  const running: TopologyRunner[] = [];
  const start = async (topology: Topology): Promise<RunningTopology> => {
    const runner = new TopologyRunner({ topology, driver, processingGuarantee: config.kafka.processingGuarantee, commitIntervalMs: config.kafka.commitIntervalMs, onFatal: (error) => fatal.push(error) });
    running.push(runner);
    await runner.start();
    return { topology, runner };
  };
  // A topology that cannot start (a bad name, a service gone) must not leave the ones before it and the sources running.
  const topologies = async () => {
    const revenue = await start(
      orderRevenueTopology({
        applicationId: names.applicationId,
        orders,
        outputTopic: names.outputTopic,
        serde,
        windowMs: DAY,
        maxOutOfOrderMs: DAY,
        graceMs: 3_600_000,
        earlyEveryMs: 1_000,
        gold: { config, namespace: goldNamespace(names) },
      }),
    );
    // Early results every second, as the revenue windows': a day's orders come in any order of their times, so a window waits a day of event time (or the end of input) to close.
    const salesWindow = (topic: string) => ({ topic, earlyEveryMs: 1_000, gold: { config, namespace: goldNamespace(names) } });
    const sales = await start(
      salesPipelineTopology({
        applicationId: salesApplicationId(names),
        orders,
        enrichedTopic: names.enrichedTopic,
        perMinute: salesWindow(names.salesPerMinuteTopic),
        perHour: salesWindow(names.salesPerHourTopic),
        serde,
        config,
      }),
    );
    const market = await start(
      marketPipelineTopology({
        applicationId: marketApplicationId(names),
        products,
        observations,
        reviews: { topic: names.crawlTopics.reviews, partitions: PARTITIONS },
        crawl: { pages: { topic: names.crawlTopics.products, partitions: PARTITIONS }, state: { topic: names.crawlTopics.state, partitions: 1 }, frontier: { topic: names.crawlTopics.frontier, partitions: PARTITIONS } },
        enrichedObservationsTopic: names.enrichedObservationsTopic,
        // Every batch's changed windows leave at once: the observations never end, so the last hours stay open and the gold table shows them as they are.
        movement: { topic: names.movementTopic, earlyEveryMs: 0, gold: { config, namespace: goldNamespace(names) } },
        reviewDays: { topic: names.reviewDaysTopic, earlyEveryMs: 0, gold: { config, namespace: goldNamespace(names) } },
        categoryPrices: { topic: names.categoryPricesTopic, earlyEveryMs: 0, gold: { config, namespace: goldNamespace(names) } },
        serde,
        driver,
        config,
      }),
    );
    const bronze = await start(
      bronzeTopology({
        applicationId: bronzeApplicationId(names),
        topics: mainJobRawTopics(names).map((topic) => ({ topic, partitions: PARTITIONS })),
        config,
        namespace: bronzeNamespace(names),
      }),
    );
    return { revenue, sales, market, bronze };
  };
  let started: Awaited<ReturnType<typeof topologies>>;
  try {
    started = await topologies();
  } catch (error) {
    await sources.stop().catch(() => undefined);
    await Promise.all(running.map((runner) => runner.stop().catch(() => undefined)));
    throw error;
  }
  const { revenue, sales, market, bronze } = started;
  const { compact } = config.iceberg;
  const compaction =
    compact.intervalMs === 0
      ? undefined
      : startCompactionSchedule({
          catalog: new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 }),
          io: new IcebergFileIO(createMinioClient(config)),
          tables: [
            salesSilverTable({ applicationId: salesApplicationId(names) }),
            revenueGoldTable(goldNamespace(names), DAY),
            salesPerMinuteGoldTable(names),
            salesPerHourGoldTable(names),
            asinMovementGoldTable(names),
            asinReviewsGoldTable(names),
            categoryPricesGoldTable(names),
          ],
          intervalMs: compact.intervalMs,
          minFiles: compact.minFiles,
          log,
        });
  return {
    ...replayed,
    fixtures: inputs.fixtures,
    migrationsApplied,
    revenue,
    sales,
    market,
    bronze,
    sources,
    driver,
    serde,
    fatal,
    async stop() {
      await sources.stop();
      await compaction?.stop();
      await Promise.all([revenue.runner.stop(), sales.runner.stop(), market.runner.stop(), bronze.runner.stop()]);
    },
  };
}

/** The main job as a bounded run (`shelfstream run --once`): started, run until every topology has read all of its input, stopped, reported. */
export async function runMainJob(
  config: ShelfstreamConfig,
  stackDir: string,
  log: (line: string) => void,
  names: MainJobNames = MAIN_JOB,
  inputs: MainJobInputs = BUNDLED_INPUTS,
): Promise<MainJobReport> {
  const job = await startMainJob(config, stackDir, log, names, 'bounded', inputs);
  let sources: SourceTotals;
  try {
    const started = Date.now();
    const settled = job.sources.settled;
    await Promise.all(
      [job.revenue, job.sales, job.market, job.bronze].map(async (running) => {
        // The market pipeline reads what the crawl and the poll write: caught up only after they are done.
        if (running === job.market || running === job.bronze) await settled;
        await untilCaughtUp(job, running);
        log(`${running.topology.applicationId} caught up after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }),
    );
    sources = await settled;
  } finally {
    await job.stop();
  }
  const windows = [...(await latestWindows(job.driver, job.serde, names.outputTopic, revenueNames(DAY).metric)).values()].map(dailyRevenue);
  windows.sort((a, b) => a.day.localeCompare(b.day) || a.category.localeCompare(b.category) || a.country.localeCompare(b.country) || a.currency.localeCompare(b.currency));
  const byCategory = new Map<string, Revenue>();
  const byDay = new Map<string, Revenue>();
  const byCurrency = new Map<string, Revenue>();
  for (const w of windows) {
    addRevenue(byCategory, w.category, w.currency, w.minor);
    addRevenue(byDay, w.day, w.currency, w.minor);
    addRevenue(byCurrency, 'total', w.currency, w.minor);
  }
  const outcomes: Record<string, number> = {};
  for (const outcome of ['output', 'filtered', 'dead_lettered', 'late']) {
    outcomes[outcome] = await job.revenue.runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome });
  }
  const revenueTopology = job.revenue.topology;
  return {
    sample: job.sample,
    replay: job.replay,
    catalog: job.catalog,
    pages: job.pages,
    fixtures: job.fixtures,
    catalogRepeats: await job.market.runner.metrics.total('outcomes', { sub_topology: 'catalog', outcome: 'filtered' }),
    sources,
    migrationsApplied: job.migrationsApplied,
    finalWindows: windows.filter((w) => w.final).length,
    openWindows: windows.filter((w) => !w.final).length,
    windows,
    revenueByDay: [...byDay.values()],
    revenueByCategory: largestFirst(byCategory),
    revenueByCurrency: largestFirst(byCurrency),
    outcomes,
    sinks: await sinkTotals(config, names),
    topics: [
      names.ordersTopic,
      names.outputTopic,
      names.enrichedTopic,
      names.salesPerMinuteTopic,
      names.salesPerHourTopic,
      names.movementTopic,
      names.reviewDaysTopic,
      names.categoryPricesTopic,
      revenueTopology.deadLetterTopic,
      revenueTopology.lateTopic,
      names.observationsTopic,
      names.crawlTopics.products,
      names.crawlTopics.reviews,
    ],
  };
}

const tableName = (table: TableIdentifier): string => `${table.namespace.join('.')}.${table.name}`;

/** Reads back what the sinks hold: ClickHouse's enriched orders and sales KPIs, and the rows of the silver and gold tables. */
async function sinkTotals(config: ShelfstreamConfig, names: MainJobNames): Promise<SinkTotals> {
  const client = createClickHouseClient(config, config.clickhouse.database);
  try {
    const engine = clientSqlEngine(client);
    // 64-bit counts may come back as JSON strings, depending on the server's settings.
    const count = async (query: string): Promise<number> => Number((await engine.rows<{ n: number | string }>(query))[0]?.n ?? 0);
    // Every bucket there is: the sample's days lie anywhere in the generator's range.
    const kpis = await salesKpis(engine, { bucket: 'hour', range: { fromMs: 0, toMs: 4_102_444_800_000 }, groupBy: ['category'], limit: 100_000 });
    const byCategory = new Map<string, Revenue>();
    const ordersByCategory: Record<string, number> = {};
    for (const row of kpis) {
      addRevenue(byCategory, row.category ?? '', row.currency, row.revenueMinor);
      ordersByCategory[row.category ?? ''] = (ordersByCategory[row.category ?? ''] ?? 0) + row.orders;
    }
    const silver = salesSilverTable({ applicationId: salesApplicationId(names) });
    const gold = revenueGoldTable(goldNamespace(names), DAY);
    const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: config.connectTimeoutMs });
    const rows = async (table: TableIdentifier) => Number(currentSnapshot((await catalog.loadTable(table)).metadata)?.summary['total-records'] ?? 0);
    return {
      clickhouseDatabase: config.clickhouse.database,
      clickhouseOrders: await count('SELECT count() AS n FROM orders_enriched'),
      kpiOrders: kpis.reduce((sum, row) => sum + row.orders, 0),
      kpiRevenueByCategory: largestFirst(byCategory),
      kpiOrdersByCategory: ordersByCategory,
      icebergTable: tableName(silver),
      icebergRows: await rows(silver),
      goldTable: tableName(gold),
      goldRows: await rows(gold),
      salesPerMinuteGoldTable: tableName(salesPerMinuteGoldTable(names)),
      salesPerMinuteGoldRows: await rows(salesPerMinuteGoldTable(names)),
      salesPerHourGoldTable: tableName(salesPerHourGoldTable(names)),
      salesPerHourGoldRows: await rows(salesPerHourGoldTable(names)),
      movementGoldTable: tableName(asinMovementGoldTable(names)),
      movementGoldRows: await rows(asinMovementGoldTable(names)),
      reviewDaysGoldTable: tableName(asinReviewsGoldTable(names)),
      reviewDaysGoldRows: await rows(asinReviewsGoldTable(names)),
      categoryPricesGoldTable: tableName(categoryPricesGoldTable(names)),
      categoryPricesGoldRows: await rows(categoryPricesGoldTable(names)),
      bronzeRows: Object.fromEntries(await Promise.all([...mainJobBronzeTables(names)].map(async ([topic, table]) => [topic, await rows(table)] as const))),
      catalogRows: await count('SELECT count() AS n FROM catalog_products_raw'),
      observationRows: await count('SELECT count() AS n FROM observations_enriched'),
      priceDrops: await count('SELECT sum(got_cheaper) AS n FROM observations_enriched'),
      polledObservationRows: await count(sql`SELECT count() AS n FROM marketplace_observations_raw WHERE source = ${FIXTURE_API_SOURCE}`),
      reviewRows: await count('SELECT count() AS n FROM reviews_raw'),
      reviewsBySentiment: Object.fromEntries(
        (await engine.rows<{ sentiment: string; n: number | string }>('SELECT sentiment, count() AS n FROM reviews_raw GROUP BY sentiment ORDER BY sentiment')).map((r) => [r.sentiment, Number(r.n)]),
      ),
      pageRows: await count('SELECT count() AS n FROM product_pages_raw'),
      pagesListedInCatalog: await count('SELECT count() AS n FROM product_pages_raw WHERE catalog_name IS NOT NULL'),
      crawlOutcomeRows: await count('SELECT count() AS n FROM crawl_outcomes_raw'),
    };
  } finally {
    await client.close();
  }
}

function dailyRevenue(w: WindowAggregate): DailyRevenue {
  const { category, country, currency } = orderGroupOf(w.key);
  return { day: new Date(w.window_start).toISOString().slice(0, 10), category, country, currency, minor: w.sum, orders: w.count, final: w.is_final };
}

function addRevenue(totals: Map<string, Revenue>, of: string, currency: string, minor: number): void {
  const key = `${of}|${currency}`;
  totals.set(key, { of, currency, minor: (totals.get(key)?.minor ?? 0) + minor });
}

const largestFirst = (totals: ReadonlyMap<string, Revenue>): Revenue[] => [...totals.values()].sort((a, b) => b.minor - a.minor);

/** The report's revenue lines: each day, the top categories, then the total of each currency. */
export function revenueLines(report: MainJobReport, top = 5): string[] {
  const line = (r: Revenue) => {
    const digits = minorDigits(r.currency);
    return `  ${r.of.padEnd(20)} ${(r.minor / 10 ** digits).toFixed(digits)} ${r.currency}`;
  };
  return [...report.revenueByDay.map(line), ...report.revenueByCategory.slice(0, top).map(line), ...report.revenueByCurrency.map(line)];
}

/**
 * Waits until a topology's group has read everything in its source topics, judged by positions
 * (see groupCaughtUp), so the transaction markers ending each partition under exactly-once do not
 * hold it for a deadline. Positions are read once records stop arriving; a fatal error ends the wait.
 */
export async function untilCaughtUp(job: Pick<StartedMainJob, 'driver' | 'fatal'>, { runner, topology }: RunningTopology): Promise<void> {
  const sources = topology.subTopologies.map((s) => s.source);
  let last = -1;
  for (;;) {
    await sleep(500);
    const [error] = job.fatal;
    // The consumer's errors are the drivers' typed ones; anything else is still named as the runner's.
    if (error !== undefined) throw error instanceof Error ? error : new KafkaClientError("the main job's runner stopped on a fatal error", 'runner_stopped', false, { cause: error });
    const seen = await runner.metrics.total('recordsIn');
    if (seen !== last) {
      last = seen;
      continue;
    }
    if (await groupCaughtUp(job.driver, topology.applicationId, sources)) return;
  }
}

/** The newest result of every window of `metric` in the output topic (final, or the latest early update). */
async function latestWindows(driver: KafkaDriver, serde: AvroSerde, topic: string, metric: string): Promise<Map<string, WindowAggregate>> {
  const schema = readSchemaFile('window-aggregate');
  const latest = new Map<string, WindowAggregate>();
  for (let p = 0; p < PARTITIONS; p++) {
    const values: Buffer[] = [];
    await driver.readPartition(topic, p, (records) => {
      for (const r of records) if (r.value !== null) values.push(r.value);
    });
    for (const value of values) {
      const w = await serde.deserialize(value, schema);
      // Records of another metric (an earlier version's, or another window size's) are not this report's.
      if (w.metric === metric) latest.set(`${w.key}|${w.window_start}`, w);
    }
  }
  return latest;
}
