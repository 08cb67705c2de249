/**
 * Scaling out by group members, on the running stack:
 *
 *   npx tsx bench/scale-out.ts [--records 300000] [--partitions 4] [--members 2] [--driver kafkajs] [--guarantee exactly-once]
 *
 * Fills a topic with generated orders, then runs the orders topology over it twice, each time as a
 * fresh group: one member, then `--members` members, every member a process of its own
 * (bench/topology-member.ts). A run's rate counts from the first record any member took in to the
 * group having committed everything of the orders and repartition topics, so the rebalance as the
 * members join is paid inside it, as it is when a deployment scales out. Target (issue 14): two
 * members reach 1.7 times one. One JSON line.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import { deleteConsumerGroups } from '../infra/kafka/delete-consumer-groups.ts';
import { groupCaughtUp } from '../infra/kafka/group-caught-up.ts';
import { kafkaConnection } from '../infra/kafka/kafka-connection.ts';
import type { KafkaAdmin, KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import { orderRevenueTopology } from '../topology/order-revenue-topology.ts';
import { benchDriverName, benchGuarantee } from './bench-options.ts';
import { produceBenchOrders } from './produce-bench-orders.ts';

const TARGET = 1.7;
const HOUR = 3_600_000;
const POLL_MS = 100;
const MARKERS_AT_MOST = 64n;
// Members heartbeat at a tenth of it: a member learns of a rebalance within 0.6 s instead of 3 s.
const MEMBER_SESSION_TIMEOUT_MS = '6000';
const MEMBER = fileURLToPath(new URL('topology-member.ts', import.meta.url));

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    partitions: { type: 'string', default: '4' },
    members: { type: 'string', default: '2' },
    driver: { type: 'string' },
    guarantee: { type: 'string' },
  },
});
const config = loadConfig();
const records = Number(values.records);
const partitions = Number(values.partitions);
const members = Number(values.members);
if (![records, partitions, members].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--records, --partitions and --members take positive integers');
const driverName = benchDriverName(values.driver, config);
const guarantee = benchGuarantee(values.guarantee, config);
const driver = createKafkaDriver(config, driverName);
const serde = new AvroSerde(createSchemaRegistryClient(config));
const prefix = `bench-scale-${randomUUID().slice(0, 8)}`;
const orders = { topic: `${prefix}.orders`, partitions };

interface GroupRun {
  readonly members: number;
  readonly recordsPerSecond: number;
  readonly seconds: number;
  /** All members' CPU time from their first record on, per record. */
  readonly cpuMicrosPerRecord: number;
  /** Records the group judged late: a run over a topic already written holds none, however members come and go. */
  readonly late: number;
}

/** Records on every partition of a topic, read as read_committed. */
async function countRecords(kafka: KafkaDriver, topic: { topic: string; partitions: number }): Promise<number> {
  let count = 0;
  for (let partition = 0; partition < topic.partitions; partition++) {
    await kafka.readPartition(topic.topic, partition, (batch) => {
      count += batch.length;
    });
  }
  return count;
}

/** A member process: when it took its first record, and its CPU seconds once stopped. */
function startMember(app: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', MEMBER, '--app', app, '--orders', orders.topic, '--partitions', String(partitions), '--driver', driverName, '--guarantee', guarantee], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { SHELFSTREAM_KAFKA_SESSION_TIMEOUT_MS: MEMBER_SESSION_TIMEOUT_MS, ...process.env },
  });
  const lines: Record<string, number>[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, number>);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    firstRecordAt: () => lines.find((l) => l.firstRecordAt !== undefined)?.firstRecordAt,
    async stop(): Promise<number> {
      child.kill('SIGTERM');
      const code = await exited;
      const cpu = lines.find((l) => l.cpuSeconds !== undefined)?.cpuSeconds;
      if (code !== 0 || cpu === undefined) throw new Error(`member of ${app} exited with ${String(code)}`);
      return cpu;
    },
    exitedEarly: () => child.exitCode !== null,
  };
}

/** Whether the group committed (about) everything of `topics`: cheap positions first, then the exact check. */
async function caughtUp(admin: KafkaAdmin, kafka: KafkaDriver, app: string, topics: readonly string[]): Promise<boolean> {
  for (const topic of topics) {
    // Under exactly-once a partition ends in transaction markers, one per upstream task's last
    // transactions, never committed past: only a few offsets short of the end is worth the exact check.
    const positions = await admin.groupPositions(app, topic);
    if (positions.some((p) => p.committed === undefined || BigInt(p.end) - BigInt(p.committed) > MARKERS_AT_MOST)) return false;
  }
  return groupCaughtUp(kafka, app, topics);
}

async function runGroup(count: number, admin: KafkaAdmin): Promise<GroupRun> {
  const app = `${prefix}-${count}`;
  const topology = orderRevenueTopology({ applicationId: app, orders, outputTopic: `${app}.revenue`, serde });
  const topics = topology.topicsToCreate();
  // Created here, not by members racing to create the same topics.
  await admin.createTopics(topics);
  const processes = Array.from({ length: count }, () => startMember(app));
  try {
    const read = [orders.topic, ...topology.subTopologies.slice(1).map((s) => s.source)];
    for (;;) {
      if (processes.some((p) => p.exitedEarly())) throw new Error(`a member of ${app} exited early`);
      const firsts = processes.map((p) => p.firstRecordAt()).filter((t) => t !== undefined);
      if (firsts.length > 0 && (await caughtUp(admin, driver, app, read))) {
        const seconds = (Date.now() - Math.min(...firsts)) / 1000;
        const cpu = (await Promise.all(processes.map((p) => p.stop()))).reduce((a, b) => a + b, 0);
        const lateTopic = topics.find((t) => t.topic === topology.lateTopic);
        const late = lateTopic === undefined ? 0 : await countRecords(driver, lateTopic);
        return { members: count, recordsPerSecond: Math.round(records / seconds), seconds: Number(seconds.toFixed(1)), cpuMicrosPerRecord: Number(((cpu * 1e6) / records).toFixed(1)), late };
      }
      await sleep(POLL_MS);
    }
  } finally {
    await Promise.allSettled(processes.map((p) => p.stop()));
    await admin.deleteTopics(topics.map((t) => t.topic)).catch(() => undefined);
    await deleteConsumerGroups(kafkaConnection(config), [app]).catch(() => undefined);
  }
}

const admin = await driver.admin();
try {
  await admin.createTopics([orders]);
  // A day of event time ending an hour ago: windows open and close as in a live stream.
  await produceBenchOrders(driver, serde, orders.topic, records, Date.now() - 25 * HOUR);
  const one = await runGroup(1, admin);
  const many = await runGroup(members, admin);
  const scaleOut = Number((many.recordsPerSecond / one.recordsPerSecond).toFixed(2));
  process.stdout.write(`${JSON.stringify({ driver: driverName, guarantee, records, partitions, members, one, many, scaleOut, target: TARGET, met: members === 2 ? scaleOut >= TARGET : null })}\n`);
} finally {
  await admin.deleteTopics([orders.topic]).catch(() => undefined);
  await admin.close();
}
