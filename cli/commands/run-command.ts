import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { probeStack, type ServiceReport } from '../../infra/stack/probe-stack.ts';
import { startLocalStack } from '../../infra/stack/start-local-stack.ts';
import type { CrawlStats } from '../../sources/crawler/crawl-stats.ts';
import { configFrom } from '../global-options.ts';
import { settingsEnvironment } from '../console-process.ts';
import { runMainJobDeployment } from '../main-job-deployment.ts';
import { mainJobNames } from '../../topology/main-job-names.ts';
import { addMainJobInputOptions, resolveMainJobInputs, type MainJobInputFlags } from '../main-job-inputs.ts';
import { inputLines } from '../main-job-input-lines.ts';
import { MAIN_JOB_SERVICES, revenueLines, runMainJob } from '../main-job.ts';

/** The reports of the services the main job uses: only those must be up, and only those are shown. */
async function probeUsed(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  return (await probeStack(config)).filter((r) => MAIN_JOB_SERVICES.includes(r.service));
}

/** Probes the stack; with SHELFSTREAM_LOCAL_STACK=auto, starts the native stack when a service the job uses is down. */
async function ensureStack(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  let reports = await probeUsed(config);
  if (reports.every((r) => r.ok)) return reports;
  if (config.localStack === 'off') {
    throw new ServiceUnavailableError('stack', 'SHELFSTREAM_LOCAL_STACK', `services down:\n${describe(reports.filter((r) => !r.ok))}`);
  }
  console.error('some services are down; starting the native local stack (docker/local-stack up)');
  await startLocalStack(config.stackDir);
  reports = await probeUsed(config);
  const down = reports.filter((r) => !r.ok);
  if (down.length > 0) throw new ServiceUnavailableError('stack', 'SHELFSTREAM_LOCAL_STACK', `still down after start:\n${describe(down)}`);
  return reports;
}

const crawled = (stats: CrawlStats | null): string =>
  stats === null ? 'no crawl (Chromium unavailable)' : `crawled ${stats.pages} new pages (${stats.products} products, ${stats.reviews} reviews)`;

const describe = (reports: readonly ServiceReport[]): string =>
  reports.map((r) => `  ${r.service.padEnd(16)} ${r.ok ? 'up  ' : 'DOWN'}  ${r.detail}`).join('\n');

export function runCommand(): Command {
  const run = new Command('run')
    .description('the main job: bring the stack up if needed, migrate ClickHouse, replay the bundled sample (or your own sales and product CSVs and saved pages) through the revenue topology, the sales pipeline and the market pipeline (Kafka, ClickHouse, Iceberg), crawl the fixture storefront and poll the fixture marketplace API (unless your files are given), start the console and run until Ctrl-C')
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, to run a copy apart from the default one", 'shelfstream')
    .option('--once', 'stop when the sample is consumed, the crawl done and the API polled, and print a summary: counts per topic and table, and the top KPIs');
  return addMainJobInputOptions(run)
    .action(async (flags: { once?: boolean; prefix: string } & MainJobInputFlags, command: Command) => {
      const config = configFrom(command);
      // Before the stack: a wrong file is the user's to fix, whatever the services are doing.
      const inputs = await resolveMainJobInputs(flags);
      const reports = await ensureStack(config);
      console.log(`stack:\n${describe(reports)}`);
      const log = (line: string) => { console.log(line); };
      if (flags.once !== true) {
        const stopSignal = new Promise<string>((resolve) => {
          process.once('SIGINT', () => { resolve('SIGINT'); });
          process.once('SIGTERM', () => { resolve('SIGTERM'); });
        });
        await runMainJobDeployment({ config, consoleEnv: settingsEnvironment(command), log, output: process.stdout, stopSignal, names: mainJobNames(flags.prefix), inputs });
        return;
      }
      const report = await runMainJob(config, config.stackDir, log, mainJobNames(flags.prefix), inputs);
      const { sinks } = report;
      console.log(
        [
          `pipeline: ${report.replay.produced + report.replay.skipped} orders in ${report.topics[0] ?? ''}; outcomes ${JSON.stringify(report.outcomes)}`,
          `  ${report.finalWindows} final and ${report.openWindows} still open daily windows of revenue by category, country and currency, over ${report.revenueByDay.length} day-currency totals:`,
          ...revenueLines(report),
          `  ClickHouse ${sinks.clickhouseDatabase}.orders_enriched: ${sinks.clickhouseOrders} orders (${sinks.kpiOrders} in the sales KPIs)`,
          `  Iceberg ${sinks.icebergTable}: ${sinks.icebergRows} rows; ${sinks.goldTable}: ${sinks.goldRows} windows`,
          `  sales KPIs by category, country, payment method and currency: Iceberg ${sinks.salesPerMinuteGoldTable}: ${sinks.salesPerMinuteGoldRows} and ${sinks.salesPerHourGoldTable}: ${sinks.salesPerHourGoldRows} rows (orders, revenue, net revenue and units per window)`,
          `  market: ${sinks.catalogRows} catalog listings and ${sinks.observationRows} enriched observations in ClickHouse, ${sinks.priceDrops} flagged as price drops; Iceberg ${sinks.movementGoldTable}: ${sinks.movementGoldRows} per-ASIN price and rank windows, ${sinks.reviewDaysGoldTable}: ${sinks.reviewDaysGoldRows} per-ASIN review days, ${sinks.categoryPricesGoldTable}: ${sinks.categoryPricesGoldRows} category price hours`,
          `  bronze: ${Object.entries(sinks.bronzeRows).map(([topic, rows]) => `${topic} ${rows}`).join(', ')} rows as received in Iceberg`,
          ...inputLines(report),
          report.fixtures
            ? `  sources: ${crawled(report.sources.crawl)}; polled ${report.sources.poll.observations} new observations (${sinks.polledObservationRows} polled in ClickHouse)`
            : '  sources: your files only; the fixture storefront and API were not used (--fixtures to add them)',
          `  reviews: ${sinks.reviewRows} in ClickHouse reviews_raw, by sentiment ${JSON.stringify(sinks.reviewsBySentiment)}`,
          `  pages: ${sinks.pageRows} in ClickHouse product_pages_raw (${sinks.pagesListedInCatalog} listed in the catalog), ${sinks.crawlOutcomeRows} crawl outcomes in crawl_outcomes_raw`,
          'where to look:',
          `  topics          ${report.topics.join(', ')}`,
          `  Kafka           ${config.kafka.brokers.join(',')}`,
          `  Schema Registry ${config.schemaRegistry.url}/subjects`,
          `  ClickHouse      ${config.clickhouse.url} (database ${sinks.clickhouseDatabase}; shelfstream clickhouse status)`,
          `  Iceberg         ${config.iceberg.catalogUrl} (tables ${sinks.icebergTable}, ${sinks.goldTable}, ${sinks.salesPerMinuteGoldTable}, ${sinks.salesPerHourGoldTable}, ${sinks.movementGoldTable}, ${sinks.reviewDaysGoldTable}, ${sinks.categoryPricesGoldTable}; shelfstream iceberg describe)`,
          '  console         shelfstream console',
          '  service logs    docker/local-stack logs',
        ].join('\n'),
      );
    });
}
