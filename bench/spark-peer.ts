/**
 * Our orders topology against Spark Structured Streaming on the same job, same broker and same input:
 *
 *   npx tsx bench/spark-peer.ts [--records 50000] [--partitions 3] [--driver kafkajs] [--max-offsets-per-trigger 0]
 *
 * Fills a topic with generated orders (as bench/kafka-streams-peer.ts does), runs the Spark peer
 * (bench/spark/order_revenue_peer.py, PySpark from the pinned venv test/interop/pyspark.txt, its
 * Kafka and Avro jars from bench/spark/pom.xml, local[2]) over it once with Trigger.AvailableNow,
 * then our order-revenue topology (exactly-once), and compares their windows record for record.
 * Prints one JSON line: each side's rate, CPU seconds per record and peak memory, their ratio, and
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
import { oursAgainstPeer } from './ours-against-peer.ts';
import { PEER_BENCH_OPTIONS, peerBenchArgs } from './peer-bench-args.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';
import { runJsonProcess } from './run-json-process.ts';
import { pysparkPython, resolveSparkJars } from './spark/resolve-jars.ts';

const HOUR = 3_600_000;
const WINDOW_MS = 60_000;
// Ours closes a window once its watermark (event time less 5 s of out-of-orderness) passes the end
// plus 10 s of grace: the order-revenue topology's defaults. Spark's one delay stands for both.
const WATERMARK_MS = 5_000 + 10_000;

const { values } = parseArgs({
  options: {
    ...PEER_BENCH_OPTIONS,
    // 0 takes everything in one micro-batch, Spark's own choice under AvailableNow.
    'max-offsets-per-trigger': { type: 'string', default: '0' },
  },
});
const config = loadConfig();
const { records, partitions, driverName, cacheDir } = peerBenchArgs(values, config);
const maxOffsetsPerTrigger = Number(values['max-offsets-per-trigger']);
if (!Number.isInteger(maxOffsetsPerTrigger) || maxOffsetsPerTrigger < 0) throw new Error('--max-offsets-per-trigger takes a non-negative integer');

/** What the Spark peer prints (bench/spark/order_revenue_peer.py). */
interface SparkRun {
  readonly records: number;
  readonly seconds: number;
  readonly batches: number;
  readonly batchSeconds: number;
  readonly droppedByWatermark: number;
  readonly windowsInState: number;
  readonly jvmCpuSeconds: number;
  readonly jvmPeakRssBytes: number;
  readonly sparkVersion: string;
}

const driver = createKafkaDriver(config, driverName);
const serde = new AvroSerde(new InMemorySchemaRegistry());
const run = randomUUID().slice(0, 8);
const app = `bench-${run}`;
const orders = { topic: `${app}.orders`, partitions };
const output = `${app}.revenue`;
const peerOutput = { topic: `bench-spark-${run}.revenue`, partitions };
const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde, windowMs: WINDOW_MS });
const admin = await driver.admin();
try {
  await admin.createTopics([orders, peerOutput]);
  // A day of event time ending an hour ago, as bench/pipeline-throughput.ts produces it.
  await produceBenchOrders(driver, serde, orders.topic, records, Date.now() - 25 * HOUR);

  const [python, jars] = await Promise.all([pysparkPython(), resolveSparkJars(cacheDir)]);
  const peer = await runJsonProcess<SparkRun>('the Spark peer', python, [
    fileURLToPath(new URL('spark/order_revenue_peer.py', import.meta.url)),
    `--bootstrap=${config.kafka.brokers.join(',')}`,
    `--input=${orders.topic}`,
    `--output=${peerOutput.topic}`,
    `--avsc=${fileURLToPath(new URL('../schemas/avro/sales-order.avsc', import.meta.url))}`,
    `--jars=${jars.join(',')}`,
    `--window-ms=${WINDOW_MS}`,
    `--watermark-ms=${WATERMARK_MS}`,
    `--partitions=${partitions}`,
    `--max-offsets-per-trigger=${maxOffsetsPerTrigger}`,
  ]);
  if (peer.records !== records) throw new Error(`the Spark peer took in ${peer.records} of ${records} orders`);

  const commitIntervalMs = config.kafka.commitIntervalMs;
  const { ours, oursCpuSeconds, comparison } = await oursAgainstPeer(driver, serde, { topology, records, partitions, commitIntervalMs, ourOutput: output, peerOutput: peerOutput.topic });
  const result = {
    records,
    partitions,
    windowMs: WINDOW_MS,
    ours: {
      driver: driverName,
      guarantee: 'exactly-once',
      commitIntervalMs,
      recordsPerSecond: Math.round(records / ours.seconds),
      seconds: round(ours.seconds),
      startupSeconds: round(ours.startupSeconds),
      cpuMicrosPerRecord: Math.round((1e6 * oursCpuSeconds) / records),
      // The whole node process, producing the input included.
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    spark: {
      version: peer.sparkVersion,
      master: 'local[2]',
      trigger: 'AvailableNow',
      guarantee: 'at-least-once sink',
      watermarkMs: WATERMARK_MS,
      maxOffsetsPerTrigger: maxOffsetsPerTrigger === 0 ? null : maxOffsetsPerTrigger,
      batches: peer.batches,
      recordsPerSecond: Math.round(records / peer.seconds),
      seconds: round(peer.seconds),
      batchSeconds: round(peer.batchSeconds),
      // The JVM's, over the query; PySpark's Python process only drives it.
      cpuMicrosPerRecord: Math.round((1e6 * peer.jvmCpuSeconds) / records),
      peakRssMiB: Math.round(peer.jvmPeakRssBytes / 2 ** 20),
      droppedByWatermark: peer.droppedByWatermark,
      windowsLeftOpen: peer.windowsInState,
    },
    // Same records on both sides, so the ratio of rates is the inverse ratio of times.
    ratio: Number((peer.seconds / ours.seconds).toFixed(2)),
    ...comparison,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!comparison.match) process.exitCode = 1;
} finally {
  const created = topology.topicsToCreate().map((t) => t.topic);
  await admin.deleteTopics([...created, orders.topic, peerOutput.topic]).catch(() => undefined);
  await admin.close();
}

function round(seconds: number): number {
  return Number(seconds.toFixed(2));
}
