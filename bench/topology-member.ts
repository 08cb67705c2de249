/**
 * One member of the orders topology's group, in a process of its own, for bench/scale-out.ts:
 *
 *   npx tsx bench/topology-member.ts --app <id> --orders <topic> --partitions <n> [--driver kafkajs] [--guarantee exactly-once]
 *
 * Prints one JSON line when it takes in its first record ({"firstRecordAt": epoch ms}), and one
 * when it stops on SIGTERM with the CPU time it spent from that record on. Stopping is graceful:
 * what it processed is checkpointed before it leaves the group.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { TopologyRunner } from '../runtime/topology-runner.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';
import { benchDriverName, benchGuarantee } from './bench-options.ts';

const POLL_MS = 10;

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    orders: { type: 'string' },
    partitions: { type: 'string' },
    driver: { type: 'string' },
    guarantee: { type: 'string' },
  },
});
const { app, orders } = values;
const partitions = Number(values.partitions);
if (app === undefined || orders === undefined || !Number.isInteger(partitions) || partitions <= 0) throw new Error('--app, --orders and --partitions are required');
const config = loadConfig();
const driver = createKafkaDriver(config, benchDriverName(values.driver, config));
const topology = orderRevenueTopology({
  applicationId: app,
  orders: { topic: orders, partitions },
  outputTopic: `${app}.revenue`,
  serde: new AvroSerde(createSchemaRegistryClient(config)),
});
const runner = new TopologyRunner({
  topology,
  driver,
  processingGuarantee: benchGuarantee(values.guarantee, config),
  commitIntervalMs: config.kafka.commitIntervalMs,
  onFatal: (error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
});
const signal = { stopping: false };
process.on('SIGTERM', () => { signal.stopping = true; });
await runner.start();
let cpuAtFirst: NodeJS.CpuUsage | undefined;
while (!signal.stopping) {
  if (cpuAtFirst === undefined && (await runner.metrics.total('recordsIn', { sub_topology: topology.subTopologies[0]?.name ?? '' })) > 0) {
    cpuAtFirst = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ firstRecordAt: Date.now() })}\n`);
  }
  await sleep(POLL_MS);
}
const cpu = process.cpuUsage(cpuAtFirst);
await runner.stop();
process.stdout.write(`${JSON.stringify({ cpuSeconds: cpuAtFirst === undefined ? 0 : (cpu.user + cpu.system) / 1e6 })}\n`);
