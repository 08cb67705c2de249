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
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';
import { buildKafkaStreamsPeer } from './kafka-streams/build-peer.ts';
import { oursAgainstPeer } from './ours-against-peer.ts';
import { PEER_BENCH_OPTIONS, peerBenchArgs } from './peer-bench-args.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';
import { runJsonProcess } from './run-json-process.ts';

const HOUR = 3_600_000;
const WINDOW_MS = 60_000;

const { values } = parseArgs({
  options: {
    ...PEER_BENCH_OPTIONS,
    // Kafka Streams closes a window by its task's stream time, the newest timestamp of its repartition
    // partition, where the upstream partitions interleave as fast as each was re-keyed; ours holds its
    // watermark at the slowest upstream partition. A grace as short as ours (15 s) drops orders of the
    // slower partitions in Kafka Streams, so by default the peer keeps every window open (a day) and
    // each window's latest result is compared.
    'peer-grace-ms': { type: 'string', default: String(24 * HOUR) },
  },
});
const config = loadConfig();
const { records, partitions, driverName, cacheDir } = peerBenchArgs(values, config);
const graceMs = Number(values['peer-grace-ms']);
if (!Number.isInteger(graceMs) || graceMs < 0) throw new Error('--peer-grace-ms takes a non-negative integer');

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

  const classpath = await buildKafkaStreamsPeer(cacheDir);
  const peer = await runPeer(classpath, { application: peerApp, input: orders.topic, output: peerOutput.topic });
  const commitIntervalMs = config.kafka.commitIntervalMs;
  const { ours, comparison } = await oursAgainstPeer(driver, serde, { topology, records, partitions, commitIntervalMs, ourOutput: `${app}.revenue`, peerOutput: peerOutput.topic });
  const oursRate = records / ours.seconds;
  const peerRate = records / peer.seconds;
  const result = {
    records,
    partitions,
    windowMs: WINDOW_MS,
    ours: { driver: driverName, guarantee: 'exactly-once', commitIntervalMs, recordsPerSecond: Math.round(oursRate), seconds: round(ours.seconds), startupSeconds: round(ours.startupSeconds) },
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
  return runJsonProcess<PeerRun>('the Kafka Streams peer', 'java', ['-Xmx2g', '-cp', classpath, 'dev.shelfstream.bench.OrderRevenuePeer', ...args]);
}
