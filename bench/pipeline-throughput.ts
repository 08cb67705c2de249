/**
 * The runtime's throughput against the client's raw consume rate, on the running stack:
 *
 *   npx tsx bench/pipeline-throughput.ts [--records 300000] [--partitions 3] [--driver rdkafka] [--guarantee exactly-once] [--check]
 *
 * Fills a topic with generated orders, reads it once with a consumer group that does nothing, then
 * runs the orders topology over it. Target: the topology at no less than half the raw rate.
 * `--check` exits 1 when the target is missed.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';
import { benchDriverName, benchGuarantee } from './bench-options.ts';
import { rawConsumeSeconds } from './consume-rate.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';
import { topologySeconds } from './topology-rate.ts';

const TARGET_RATIO = 0.5;
const HOUR = 3_600_000;

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    partitions: { type: 'string', default: '3' },
    driver: { type: 'string' },
    guarantee: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});
const config = loadConfig();
const records = Number(values.records);
const partitions = Number(values.partitions);
const driverName = benchDriverName(values.driver, config);
const guarantee = benchGuarantee(values.guarantee, config);
if (!Number.isInteger(records) || records <= 0 || !Number.isInteger(partitions) || partitions <= 0) {
  throw new Error('--records and --partitions take positive integers');
}

const driver = createKafkaDriver(config, driverName);
const serde = new AvroSerde(new InMemorySchemaRegistry());
const app = `bench-${randomUUID().slice(0, 8)}`;
const orders = { topic: `${app}.orders`, partitions };
const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: `${app}.revenue`, serde });
const admin = await driver.admin();
try {
  await admin.createTopics([orders]);
  // A day of event time ending an hour ago: windows open and close as in a live stream.
  const bytes = await produceBenchOrders(driver, serde, orders.topic, records, Date.now() - 25 * HOUR);
  const raw = await rawConsumeSeconds(driver, orders.topic, records);
  const { seconds: pipeline, startupSeconds, cpuMicrosPerRecord, batches } = await topologySeconds(driver, topology, records, guarantee, config.kafka.commitIntervalMs);
  const rawRate = records / raw;
  const pipelineRate = records / pipeline;
  const ratio = pipelineRate / rawRate;
  const result = {
    driver: driverName,
    guarantee,
    commitIntervalMs: config.kafka.commitIntervalMs,
    records,
    partitions,
    avgValueBytes: Math.round(bytes / records),
    rawRecordsPerSecond: Math.round(rawRate),
    pipelineRecordsPerSecond: Math.round(pipelineRate),
    ratio: Number(ratio.toFixed(2)),
    target: TARGET_RATIO,
    met: ratio >= TARGET_RATIO,
    startupSeconds: Number(startupSeconds.toFixed(1)),
    cpuMicrosPerRecord,
    batches,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (values.check && !result.met) process.exitCode = 1;
} finally {
  await admin.deleteTopics(topology.topicsToCreate().map((t) => t.topic).concat(orders.topic)).catch(() => undefined);
  await admin.close();
}
