import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ShelfstreamConfig } from '../config/index.ts';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { createLogger } from '../infra/logger.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { importSavedPages, type SavedPageResult } from '../sources/crawler/import-saved-pages.ts';
import { RawPageStore } from '../sources/crawler/raw-page-store.ts';
import { DEFAULT_GENERATOR_START } from '../sources/generator/generated-event.ts';
import { generateOrders } from '../sources/generator/order-generator.ts';
import { writeProductsCsv } from '../sources/generator/products-csv-writer.ts';
import { writeSalesCsv } from '../sources/generator/sales-csv-writer.ts';
import { replayCsv } from '../sources/replay/replay-csv.ts';
import { describeTotals, type ReplayTotals } from '../sources/replay/replay-totals.ts';
import { endOfInputAnnouncement } from '../streams/progress-announcement.ts';
import type { MainJobNames } from '../topology/main-job-names.ts';
import { createCrawlTopics } from './commands/start-crawler.ts';
import type { MainJobInputs } from './main-job-inputs.ts';

/** The bundled samples' seed: orders, catalog and observations of one seed share products and ASINs. */
export const SAMPLE_SEED = 2024;

export interface MainJobReplayOptions {
  readonly config: ShelfstreamConfig;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  readonly names: MainJobNames;
  readonly inputs: MainJobInputs;
  /** Where the bundled sample is generated. */
  readonly stackDir: string;
  readonly partitions: number;
  readonly log: (line: string) => void;
}

/** What the main job replayed before its topologies started. */
export interface MainJobReplay {
  /** The sales files replayed (the bundled sample's, or the user's), comma-separated. */
  readonly sample: string;
  /** Over every sales file; no rows when none was replayed. */
  readonly replay: ReplayTotals;
  /** Per products file. */
  readonly catalog: readonly ReplayTotals[];
  /** Per saved page given, in order; empty when none was. */
  readonly pages: readonly SavedPageResult[];
}

/**
 * Replays the main job's inputs into its raw topics before any topology starts (the market
 * pipeline loads its catalog join table from the products topic when it starts): the user's sales
 * CSVs, or else the bundled sample when the fixtures are on, into the orders topic as one input in
 * event-time order, ending every partition with the end-of-input announcement so every window closes; the product
 * CSVs (or the bundled catalog) into the products topic; the saved pages as a crawl of them
 * (importSavedPages). Each resumes: a rerun with the same files adds nothing.
 */
export async function replayMainJobInputs(o: MainJobReplayOptions): Promise<MainJobReplay> {
  const { inputs, names, driver, serde, log } = o;
  const bundled = bundledSample(o.stackDir);
  const salesFiles = inputs.sales.length > 0 ? inputs.sales : inputs.fixtures ? [await bundled.sales(log)] : [];
  const productFiles = inputs.products.length > 0 ? inputs.products : inputs.fixtures ? [await bundled.products(log)] : [];
  // Unknown columns are warned about once per file; the job's own lines say the rest.
  const warnings = createLogger(o.config, 'main-job-replay');
  // One input, so its orders go out in event time across the files; its end is announced so every window closes.
  const replay = salesFiles.length === 0 ? undefined : await replayCsv({
    files: salesFiles,
    kind: 'sales',
    topic: names.ordersTopic,
    partitions: o.partitions,
    driver,
    serde,
    log: warnings,
    endOfInput: (partition: number) => endOfInputAnnouncement(names.ordersTopic, partition),
  });
  if (replay !== undefined) log(describeTotals(replay));
  const catalog: ReplayTotals[] = [];
  for (const file of productFiles) {
    const totals = await replayCsv({ files: [file], kind: 'products', topic: names.productsTopic, partitions: o.partitions, driver, serde, log: warnings });
    log(describeTotals(totals));
    catalog.push(totals);
  }
  // Before the topologies, so every raw topic they read exists, whichever inputs were given.
  const admin = await driver.admin();
  try {
    await admin.createTopics([names.ordersTopic, names.productsTopic, names.observationsTopic].map((topic) => ({ topic, partitions: o.partitions })));
  } finally {
    await admin.close();
  }
  await createCrawlTopics(driver, names.crawlTopics, o.partitions);
  const pages = inputs.pages.length === 0 ? [] : await importPages(o);
  return { sample: salesFiles.join(', '), replay: replay ?? noSales(names.ordersTopic), catalog, pages };
}

async function importPages(o: MainJobReplayOptions): Promise<SavedPageResult[]> {
  const producer = o.driver.producer();
  await producer.connect();
  try {
    const results = await importSavedPages({
      files: o.inputs.pages,
      rawStore: new RawPageStore(createMinioClient(o.config), o.config.s3.rawBucket),
      serde: o.serde,
      driver: o.driver,
      producer,
      topics: o.names.crawlTopics,
      job: `${o.names.applicationId}-saved-pages`,
    });
    for (const r of results) o.log(savedPageLine(r));
    return results;
  } finally {
    await producer.disconnect();
  }
}

/** One saved page's line: `page.html: product B07G2L3JMM; its product page written`, or why it is not data. */
export function savedPageLine(r: SavedPageResult): string {
  const what = r.asin === null ? r.verdict : `${r.verdict} ${r.asin}`;
  const wrote =
    r.importedBefore ? 'imported before, nothing written'
    : r.detail !== null ? 'dead-lettered'
    : r.verdict === 'product' ? 'its product page written'
    : r.verdict === 'reviews' ? `${r.reviews} reviews written`
    : 'search results give links only: nothing written';
  return `${r.file}: ${what}${r.detail === null ? '' : ` (${r.detail})`}; ${wrote}`;
}

/** The bundled sample's files, generated from the seed the first time they are asked for. */
function bundledSample(stackDir: string) {
  const dir = path.join(stackDir, 'sample');
  const sales = path.join(dir, 'amazon-sales-sample.csv');
  const products = path.join(dir, 'amazon-products-sample.csv');
  return {
    async sales(log: (line: string) => void): Promise<string> {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(sales)) {
        const rows = await writeSalesCsv(generateOrders({ seed: SAMPLE_SEED, count: 5_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.02 }), sales);
        log(`generated the bundled sample: ${rows} orders in ${sales}`);
      }
      return sales;
    },
    async products(log: (line: string) => void): Promise<string> {
      mkdirSync(dir, { recursive: true });
      if (!existsSync(products)) {
        const rows = await writeProductsCsv(SAMPLE_SEED, DEFAULT_GENERATOR_START, products);
        log(`generated the bundled catalog: ${rows} products in ${products}`);
      }
      return products;
    },
  };
}

/** The totals of a run given no sales file. */
function noSales(topic: string): ReplayTotals {
  return {
    file: '', kind: 'sales', topic, deadLetterTopic: `${topic}.dead-letter`, totalBytes: 0, bytesRead: 0, rowsRead: 0, produced: 0,
    deadLettered: 0, skipped: 0, nulledValues: 0, extraColumns: [], unreadableFrom: null, interrupted: false, elapsedMs: 0,
  };
}
