import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import type { Topology } from '../../../runtime/topology.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology } from '../../../topology/order-revenue-topology.ts';
import { eventTimeBase } from '../../support/event-time-base.ts';
import { expectedRevenue, orderStream } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { produceUntil } from '../../support/produce-until.ts';
import { eventually } from '../../support/read-topic.ts';
import { recordsInByTask, startRunner, throwIfFatal, type RunnerUnderTest } from '../../support/runner-under-test.ts';
import { uniqueName } from '../../support/unique-name.ts';
import { assertWindowsMatch, readFinalWindows } from '../../support/window-results.ts';

const config = loadConfig();
const WINDOW = 60_000;
const START = eventTimeBase();
const PARTITIONS = 3;

interface Setup {
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
  readonly topic: string;
  readonly output: string;
  readonly topology: Topology;
}

async function setUp(driverName: 'kafkajs' | 'rdkafka', prefix: string): Promise<Setup> {
  const driver = createKafkaDriver(config, driverName);
  const serde = new AvroSerde(new InMemorySchemaRegistry());
  const app = uniqueName(prefix).replaceAll('_', '-');
  const orders = { topic: `${app}.orders`, partitions: PARTITIONS };
  const output = `${app}.revenue`;
  const admin = await driver.admin();
  await admin.createTopics([orders]);
  await admin.close();
  return { driver, serde, topic: orders.topic, output, topology: orderRevenueTopology({ applicationId: app, orders, outputTopic: output, serde }) };
}

/** One far-future order per partition moves every watermark past the last window. */
async function produceFlush(s: Setup): Promise<void> {
  const flush = orderStream(PARTITIONS, 'FLUSH', START + 3_600_000, 1, 1);
  for (let p = 0; p < PARTITIONS; p++) await produceOrders(s.driver, s.serde, s.topic, flush.slice(p, p + 1), p);
}

async function recordsIn(r: RunnerUnderTest): Promise<number> {
  throwIfFatal(r);
  return r.runner.metrics.total('recordsIn');
}

/** Tasks whose count grew between two snapshots of recordsInByTask. */
function grown(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): string[] {
  return [...after].filter(([task, n]) => n > (before.get(task) ?? 0)).map(([task]) => task).sort();
}

function waitForFinals(s: Setup, runners: readonly RunnerUnderTest[], size: number) {
  return eventually(
    async () => {
      throwIfFatal(...runners);
      return readFinalWindows(s.driver, s.serde, s.output, PARTITIONS);
    },
    (f) => f.size >= size,
  );
}

for (const driverName of ['kafkajs', 'rdkafka'] as const) {
  describe(`scaling a topology on ${driverName}`, () => {
    it('splits the partitions and moves their state when a second instance joins mid-stream, results unchanged', async () => {
      const s = await setUp(driverName, 'it-scale-out');
      const stream = orderStream(3000, 'ORD', START, 10);
      const expected = expectedRevenue(stream, WINDOW);
      const half = stream.length / 2;

      const first = await startRunner(s.topology, s.driver);
      await produceOrders(s.driver, s.serde, s.topic, stream.slice(0, half));
      // Windows of the first half closed: the first instance holds open windows in its stores.
      await waitForFinals(s, [first], 1);

      const second = await startRunner(s.topology, s.driver);
      const produced = await produceUntil(s.driver, s.serde, s.topic, stream.slice(half), async () => (await recordsIn(second)) > 0);
      // From here on each instance works on its own partitions only.
      const firstAtSplit = await recordsInByTask(first.runner);
      await produceOrders(s.driver, s.serde, s.topic, stream.slice(half + produced));
      await produceFlush(s);
      const finals = await waitForFinals(s, [first, second], expected.size);
      const firstTasks = await recordsInByTask(first.runner);
      const secondTasks = await recordsInByTask(second.runner);
      await second.runner.stop();
      await first.runner.stop();

      assert.ok(produced < stream.length - half, `the second instance got no record while ${produced} orders were trickled in after it joined`);
      assertWindowsMatch(finals, expected);
      const secondOwned = [...secondTasks.keys()].sort();
      const firstAfterSplit = grown(firstAtSplit, firstTasks);
      assert.ok(secondOwned.some((t) => t.startsWith('revenue-per-minute/')), `the second instance took window state: ${secondOwned.join(', ')}`);
      assert.ok(firstAfterSplit.length > 0, 'the first instance kept processing after the split');
      assert.deepEqual(
        firstAfterSplit.filter((t) => secondOwned.includes(t)),
        [],
        `each partition processed by one instance after the split: first ${firstAfterSplit.join(', ')}, second ${secondOwned.join(', ')}`,
      );
    });

    it('moves a stopped instance’s partitions and state to the remaining one, results unchanged', async () => {
      const s = await setUp(driverName, 'it-scale-in');
      const stream = orderStream(3000, 'ORD', START, 10);
      const expected = expectedRevenue(stream, WINDOW);
      const half = stream.length / 2;

      const staying = await startRunner(s.topology, s.driver);
      const leaving = await startRunner(s.topology, s.driver);
      const both = async () => (await recordsIn(staying)) > 0 && (await recordsIn(leaving)) > 0;
      // Up to all but a tail: node-rdkafka's eager rebalance can take a while to give the second member its share.
      const produced = await produceUntil(s.driver, s.serde, s.topic, stream.slice(0, stream.length - 500), both);
      assert.ok(await both(), 'both instances got records');
      const split = Math.max(produced, half);
      await produceOrders(s.driver, s.serde, s.topic, stream.slice(produced, split));
      // Windows closed and windows open in both instances' stores.
      await waitForFinals(s, [staying, leaving], 1);
      const leftTasks = await recordsInByTask(leaving.runner);
      await leaving.runner.stop();
      const stayingAtStop = await recordsInByTask(staying.runner);

      await produceOrders(s.driver, s.serde, s.topic, stream.slice(split));
      await produceFlush(s);
      const finals = await waitForFinals(s, [staying], expected.size);
      const took = grown(stayingAtStop, await recordsInByTask(staying.runner));
      await staying.runner.stop();

      assertWindowsMatch(finals, expected);
      const handedOver = [...leftTasks.keys()].filter((t) => took.includes(t));
      assert.ok(
        handedOver.some((t) => t.startsWith('revenue-per-minute/')),
        `the remaining instance took over window state: left ${[...leftTasks.keys()].join(', ')}, took ${took.join(', ')}`,
      );
    });
  });
}
