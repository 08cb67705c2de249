/**
 * The broker's own limit: Kafka's consumer performance tool (kafka-consumer-perf-test, the class
 * org.apache.kafka.tools.ConsumerPerformance on the local stack's jars) over the same orders the
 * pipeline benchmark reads, on the running stack:
 *
 *   npx tsx bench/broker-consume-rate.ts [--records 300000] [--partitions 3]
 *
 * Fills a topic with generated orders (as bench/pipeline-throughput.ts does), reads it once with the
 * tool, and deletes it. The rate is the tool's fetch rate, which leaves out joining the group as our
 * rates do. Output: one JSON line.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../schemas/serde/in-memory-schema-registry.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';

const HOUR = 3_600_000;
const KAFKA_RUN_CLASS = fileURLToPath(new URL('../docker/kafka/kafka-run-class', import.meta.url));
const TOOL = 'org.apache.kafka.tools.ConsumerPerformance';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    partitions: { type: 'string', default: '3' },
  },
});
const records = Number(values.records);
const partitions = Number(values.partitions);
if (![records, partitions].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--records and --partitions take positive integers');

const run = promisify(execFile);
const config = loadConfig();
const driver = createKafkaDriver(config, 'kafkajs');
const topic = `bench-broker-${randomUUID().slice(0, 8)}.orders`;
const admin = await driver.admin();
try {
  await admin.createTopics([{ topic, partitions }]);
  const bytes = await produceBenchOrders(driver, new AvroSerde(new InMemorySchemaRegistry()), topic, records, Date.now() - 25 * HOUR);
  const { stdout } = await run('bash', [KAFKA_RUN_CLASS, TOOL, '--bootstrap-server', config.kafka.brokers.join(','), '--topic', topic, '--num-records', String(records), '--timeout', '60000']);
  const version = (await run('bash', [KAFKA_RUN_CLASS, TOOL, '--version'])).stdout.trim().split(/\s/)[0] ?? '';
  // The tool prints a header line of comma-separated names and one line of their values.
  const [header, line] = stdout.trim().split('\n').slice(-2).map((l) => l.split(',').map((v) => v.trim()));
  const field = (name: string): number => {
    const value = Number(line?.[header?.indexOf(name) ?? -1]);
    if (!Number.isFinite(value)) throw new Error(`${TOOL} printed no ${name}: ${stdout}`);
    return value;
  };
  process.stdout.write(
    `${JSON.stringify({
      tool: TOOL,
      kafkaVersion: version,
      records,
      partitions,
      avgValueBytes: Math.round(bytes / records),
      consumed: field('data.consumed.in.nMsg'),
      recordsPerSecond: Math.round(field('fetch.nMsg.sec')),
      mbPerSecond: Number(field('fetch.MB.sec').toFixed(1)),
      rebalanceMs: field('rebalance.time.ms'),
      fetchMs: field('fetch.time.ms'),
    })}\n`,
  );
} finally {
  await admin.deleteTopics([topic]).catch(() => undefined);
  await admin.close();
}
