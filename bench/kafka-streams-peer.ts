/**
 * Our orders topology against Kafka Streams on the same job, same broker and same input:
 *
 *   npx tsx bench/kafka-streams-peer.ts [--records 50000] [--partitions 3] [--driver kafkajs] [--peer-grace-ms 86400000]
 *
 * Fills a topic with generated orders, runs the Kafka Streams peer (bench/kafka-streams, built once
 * into the shelfstream cache) and then our order-revenue topology over it, both exactly-once, and
 * compares their windows record for record: count, revenue, min, max, avg, distinct customers and
 * the order-value quantiles p50, p90 and p99.
 * Prints one JSON line: both rates (first record in to last record aggregated), their ratio and
 * whether the outputs match, with the first differences.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import type { IncomingRecord, KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';
import { buildKafkaStreamsPeer } from './kafka-streams/build-peer.ts';
import { compareWindows, type WindowFigures } from './kafka-streams/compare-windows.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';
import { topologySeconds } from './topology-rate.ts';

const HOUR = 3_600_000;
const WINDOW_MS = 60_000;

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    partitions: { type: 'string', default: '3' },
    driver: { type: 'string' },
    // Kafka Streams closes a window by its task's stream time, the newest timestamp of its repartition
    // partition, where the upstream partitions interleave as fast as each was re-keyed; ours holds its
    // watermark at the slowest upstream partition. A grace as short as ours (15 s) drops orders of the
    // slower partitions in Kafka Streams, so by default the peer keeps every window open (a day) and
    // each window's latest result is compared.
    'peer-grace-ms': { type: 'string', default: String(24 * HOUR) },
    'cache-dir': { type: 'string', default: join(homedir(), '.cache', 'shelfstream') },
  },
});
const config = loadConfig();
const records = Number(values.records);
const partitions = Number(values.partitions);
const graceMs = Number(values['peer-grace-ms']);
const driverName = values.driver ?? config.kafka.driver;
if (![records, partitions].every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(graceMs) || graceMs < 0) {
  throw new Error('--records and --partitions take positive integers, --peer-grace-ms a non-negative one');
}
if (driverName !== 'kafkajs' && driverName !== 'rdkafka') throw new Error('--driver takes kafkajs or rdkafka');

const driver = createKafkaDriver(config, driverName);
const serde = new AvroSerde(new InMemorySchemaRegistry());
const run = randomUUID().slice(0, 8);
const app = `bench-${run}`;
const peerApp = `bench-kstreams-${run}`;
const orders = { topic: `${app}.orders`, partitions };
const peerOutput = { topic: `${peerApp}.revenue`, partitions };
const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: `${app}.revenue`, serde, windowMs: WINDOW_MS });
const admin = await driver.admin();
try {
  await admin.createTopics([orders, peerOutput]);
  // A day of event time ending an hour ago, as bench/pipeline-throughput.ts produces it.
  await produceBenchOrders(driver, serde, orders.topic, records, Date.now() - 25 * HOUR);

  const classpath = await buildKafkaStreamsPeer(values['cache-dir']);
  const peer = await runPeer(classpath, { application: peerApp, input: orders.topic, output: peerOutput.topic });
  const ours = await topologySeconds(driver, topology, records, 'exactly-once', config.kafka.commitIntervalMs);

  const comparison = compareWindows(await ourWindows(driver, `${app}.revenue`), await peerWindows(driver, peerOutput.topic));
  const oursRate = records / ours.seconds;
  const peerRate = records / peer.seconds;
  const result = {
    records,
    partitions,
    windowMs: WINDOW_MS,
    ours: { driver: driverName, guarantee: 'exactly-once', commitIntervalMs: config.kafka.commitIntervalMs, recordsPerSecond: Math.round(oursRate), seconds: round(ours.seconds), startupSeconds: round(ours.startupSeconds) },
    kafkaStreams: { version: '4.3.1', guarantee: 'exactly_once_v2', threads: 1, graceMs, recordsPerSecond: Math.round(peerRate), seconds: round(peer.seconds), droppedRecords: peer.droppedRecords },
    ratio: Number((oursRate / peerRate).toFixed(2)),
    ...comparison,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!comparison.match) process.exitCode = 1;
} finally {
  const peerInternal = (await admin.listTopics()).filter((t) => t.startsWith(`${peerApp}-`));
  const created = topology.topicsToCreate().map((t) => t.topic);
  await admin.deleteTopics([...created, ...peerInternal, orders.topic, peerOutput.topic]).catch(() => undefined);
  await admin.close();
}

function round(seconds: number): number {
  return Number(seconds.toFixed(2));
}

interface PeerRun {
  readonly seconds: number;
  readonly droppedRecords: number;
}

/** Runs the peer until it has aggregated every order; its last stdout line is its result. */
async function runPeer(classpath: string, topics: { application: string; input: string; output: string }): Promise<PeerRun> {
  const args = [
    `bootstrap=${config.kafka.brokers.join(',')}`,
    `application=${topics.application}`,
    `input=${topics.input}`,
    `output=${topics.output}`,
    `records=${records}`,
    `avsc=${fileURLToPath(new URL('../schemas/avro/sales-order.avsc', import.meta.url))}`,
    `window-ms=${WINDOW_MS}`,
    `grace-ms=${graceMs}`,
  ];
  const child = spawn('java', ['-Xmx2g', '-cp', classpath, 'dev.shelfstream.bench.OrderRevenuePeer', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`the Kafka Streams peer exited with ${String(code)}: ${stderr}`);
  return JSON.parse(last) as PeerRun;
}

/** Every record of a topic, in partition order, read_committed. */
async function readAll(kafka: KafkaDriver, topic: string): Promise<IncomingRecord[]> {
  const all: IncomingRecord[] = [];
  for (let p = 0; p < partitions; p++) await kafka.readPartition(topic, p, (batch) => all.push(...batch));
  return all;
}

function windowId(group: string, start: number): string {
  return `${group}|${start}`;
}

/** Our WindowAggregate records by group and window start; a later record of a window replaces an earlier one. */
async function ourWindows(kafka: KafkaDriver, topic: string): Promise<Map<string, WindowFigures>> {
  const schema = readSchemaFile('window-aggregate');
  const windows = new Map<string, WindowFigures>();
  for (const record of await readAll(kafka, topic)) {
    if (record.value === null) continue;
    const w = await serde.deserialize(record.value, schema);
    windows.set(windowId(w.key, w.window_start), {
      window_start: w.window_start,
      window_end: w.window_end,
      count: w.count,
      sum: w.sum,
      min: w.min,
      max: w.max,
      avg: w.avg,
      distinct_count: w.distinct_count ?? 0,
      p500: quantile(w.quantiles, 500),
      p900: quantile(w.quantiles, 900),
      p990: quantile(w.quantiles, 990),
    });
  }
  return windows;
}

function quantile(quantiles: readonly { permille: number; value: number }[], permille: number): number {
  const q = quantiles.find((v) => v.permille === permille);
  if (q === undefined) throw new Error(`our window aggregate has no quantile at ${permille} permille`);
  return q.value;
}

/** The peer's JSON results by `group|windowStart` (their key): the latest of each window wins. */
async function peerWindows(kafka: KafkaDriver, topic: string): Promise<Map<string, WindowFigures>> {
  const windows = new Map<string, WindowFigures>();
  for (const record of await readAll(kafka, topic)) {
    if (record.key === null || record.value === null) continue;
    windows.set(record.key.toString(), JSON.parse(record.value.toString()) as WindowFigures);
  }
  return windows;
}
