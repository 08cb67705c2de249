import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ShelfstreamConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import type { RuntimeMetrics } from '../runtime/metrics/runtime-metrics.ts';
import { TopologyRunner } from '../runtime/topology-runner.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import { DEFAULT_GENERATOR_START } from '../sources/generator/generated-event.ts';
import { generateOrders } from '../sources/generator/order-generator.ts';
import { writeSalesCsv } from '../sources/generator/sales-csv-writer.ts';
import { minorDigits } from '../sources/replay/money-text.ts';
import { replayCsv } from '../sources/replay/replay-csv.ts';
import type { ReplayTotals } from '../sources/replay/replay-totals.ts';
import { orderGroupOf } from '../streams/orders/order-group.ts';
import { revenueNames } from '../streams/orders/revenue-names.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';

const DAY = 86_400_000;
const ORDERS = { topic: 'shelfstream.orders', partitions: 3 };
const OUTPUT = 'shelfstream.revenue-per-day';
const APPLICATION = 'shelfstream-main-job';

/** Revenue in minor units of one currency; `of` names what it is the revenue of (a category, or the total). */
export interface Revenue {
  readonly of: string;
  readonly currency: string;
  readonly minor: number;
}

export interface MainJobReport {
  readonly sample: string;
  readonly replay: ReplayTotals;
  readonly finalWindows: number;
  readonly openWindows: number;
  /** Per category and currency, largest first: amounts in different currencies are never added. */
  readonly revenueByCategory: readonly Revenue[];
  /** Per currency, largest first. */
  readonly revenueByCurrency: readonly Revenue[];
  readonly outcomes: Readonly<Record<string, number>>;
  readonly topics: readonly string[];
}

/**
 * The main job on the bundled sample: a seeded sales CSV with the real file's columns, replayed into
 * Kafka (resuming, so a rerun adds nothing), then the revenue topology until it has caught up.
 * The sample's dates carry no time of day, so windows here are days, with a day of disorder allowed.
 */
export async function runMainJob(config: ShelfstreamConfig, stackDir: string, log: (line: string) => void): Promise<MainJobReport> {
  const sample = path.join(stackDir, 'sample', 'amazon-sales-sample.csv');
  if (!existsSync(sample)) {
    mkdirSync(path.dirname(sample), { recursive: true });
    const rows = await writeSalesCsv(generateOrders({ seed: 2024, count: 5_000, start: DEFAULT_GENERATOR_START, eventsPerSecond: 0.02 }), sample);
    log(`generated the bundled sample: ${rows} orders in ${sample}`);
  }
  const driver = createKafkaDriver(config);
  const serde = new AvroSerde(createSchemaRegistryClient(config));
  const replay = await replayCsv({ file: sample, kind: 'sales', topic: ORDERS.topic, partitions: ORDERS.partitions, driver, serde });
  log(`replayed ${replay.rowsRead} rows: ${replay.produced} produced, ${replay.deadLettered} dead-lettered, ${replay.skipped} already replayed before`);

  const topology = orderRevenueTopology({
    applicationId: APPLICATION,
    orders: ORDERS,
    outputTopic: OUTPUT,
    serde,
    windowMs: DAY,
    maxOutOfOrderMs: DAY,
    graceMs: 3_600_000,
    earlyEveryMs: 1_000,
  });
  const runner = new TopologyRunner({ topology, driver, processingGuarantee: config.kafka.processingGuarantee });
  await runner.start();
  try {
    await untilCaughtUp(runner.metrics);
  } finally {
    await runner.stop();
  }
  const windows = await latestWindows(driver, serde, revenueNames(DAY).metric);
  const byCategory = new Map<string, Revenue>();
  const byCurrency = new Map<string, Revenue>();
  for (const w of windows.values()) {
    const { category, currency } = orderGroupOf(w.key);
    addRevenue(byCategory, category, currency, w.sum);
    addRevenue(byCurrency, 'total', currency, w.sum);
  }
  const outcomes: Record<string, number> = {};
  for (const outcome of ['output', 'filtered', 'dead_lettered', 'late']) {
    outcomes[outcome] = await runner.metrics.total('outcomes', { sub_topology: 'rekey-orders', outcome });
  }
  return {
    sample,
    replay,
    finalWindows: [...windows.values()].filter((w) => w.is_final).length,
    openWindows: [...windows.values()].filter((w) => !w.is_final).length,
    revenueByCategory: largestFirst(byCategory),
    revenueByCurrency: largestFirst(byCurrency),
    outcomes,
    topics: [ORDERS.topic, OUTPUT, topology.deadLetterTopic, topology.lateTopic],
  };
}

function addRevenue(totals: Map<string, Revenue>, of: string, currency: string, minor: number): void {
  const key = `${of}|${currency}`;
  totals.set(key, { of, currency, minor: (totals.get(key)?.minor ?? 0) + minor });
}

const largestFirst = (totals: ReadonlyMap<string, Revenue>): Revenue[] => [...totals.values()].sort((a, b) => b.minor - a.minor);

/** The report's revenue lines: the top categories, then the total of each currency. */
export function revenueLines(report: MainJobReport, top = 5): string[] {
  const line = (r: Revenue) => {
    const digits = minorDigits(r.currency);
    return `  ${r.of.padEnd(20)} ${(r.minor / 10 ** digits).toFixed(digits)} ${r.currency}`;
  };
  return [...report.revenueByCategory.slice(0, top).map(line), ...report.revenueByCurrency.map(line)];
}

/** Caught up: every task has reported no lag and no record arrived for a few seconds, or nothing came at all. */
async function untilCaughtUp(metrics: RuntimeMetrics): Promise<void> {
  let last = -1;
  let quietSince = Date.now();
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const seen = await metrics.total('recordsIn');
    const lags = (await metrics.lag.get()).values;
    if (seen !== last) {
      last = seen;
      quietSince = Date.now();
    } else if (seen > 0 && lags.every((v) => v.value === 0) && Date.now() - quietSince >= 3_000) {
      return;
    } else if (seen === 0 && Date.now() - quietSince >= 10_000) {
      // Nothing new since the last run: the group's committed offsets are at the end already.
      return;
    }
  }
}

/** The newest result of every window of `metric` in the output topic (final, or the latest early update). */
async function latestWindows(driver: KafkaDriver, serde: AvroSerde, metric: string): Promise<Map<string, WindowAggregate>> {
  const schema = readSchemaFile('window-aggregate');
  const latest = new Map<string, WindowAggregate>();
  for (let p = 0; p < ORDERS.partitions; p++) {
    const values: Buffer[] = [];
    await driver.readPartition(OUTPUT, p, (records) => {
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
