import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../config/index.ts';
import { IcebergRestCatalog } from '../../../infra/iceberg/iceberg-rest-catalog.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import { orderRevenueTopology, revenueGoldTable } from '../../../topology/order-revenue-topology.ts';
import { eventTimeBase } from '../../support/event-time-base.ts';
import { interopPython, pyicebergPython, readWithPeer, readWithPyiceberg } from '../../support/iceberg-reader.ts';
import { expectedRevenue, orderStream, type ExpectedWindow, type TimedOrder } from '../../support/order-stream.ts';
import { produceOrders } from '../../support/produce-orders.ts';
import { eventually } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal, type RunnerUnderTest } from '../../support/runner-under-test.ts';
import { sampleOrders } from '../../support/sample-orders.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const WINDOW = 60_000;
const START = eventTimeBase();
const FLUSH_AT = START + 3_600_000;

/** What a reader gives of each gold row, by `category|country|currency|window_start` (ms). */
type GoldWindows = Map<string, { count: number; sum: number; min: number; max: number; final: boolean }>;

const goldWindows = (rows: readonly Record<string, unknown>[]): GoldWindows =>
  new Map(
    rows.map((row) => [
      `${String(row.key)}|${Number(row.window_start) / 1000}`,
      { count: Number(row.count), sum: Number(row.sum), min: Number(row.min), max: Number(row.max), final: row.is_final === true },
    ]),
  );

const asGold = (expected: ReadonlyMap<string, ExpectedWindow>): Map<string, { count: number; sum: number; min: number; max: number }> =>
  new Map([...expected].map(([key, e]) => [key, { count: e.orders, sum: e.revenue, min: e.smallest, max: e.largest }]));

const withoutFinal = (gold: GoldWindows): Map<string, { count: number; sum: number; min: number; max: number }> =>
  new Map([...gold].map(([key, value]) => [key, { count: value.count, sum: value.sum, min: value.min, max: value.max }]));

describe('order revenue into the Iceberg gold table: the latest value of each window, one row each', () => {
  it('early results, then a record within grace re-emits its window; after a restart pyiceberg and DuckDB read each window once with its final value', async () => {
    const driver = createKafkaDriver(config, 'kafkajs');
    const serde = new AvroSerde(new InMemorySchemaRegistry());
    const app = uniqueName('it-gold').replaceAll('_', '-');
    const namespace = uniqueName('it_gold');
    const orders = { topic: `${app}.orders`, partitions: 2 };
    const admin = await driver.admin();
    await admin.createTopics([{ topic: orders.topic, partitions: 2 }]);
    await admin.close();
    const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: 30_000 });
    const table = revenueGoldTable(namespace, WINDOW);
    const tableName = `${namespace}.${table.name}`;
    const topology = () => orderRevenueTopology({ applicationId: app, orders, outputTopic: `${app}.revenue`, serde, earlyEveryMs: 0, gold: { config, namespace } });
    const python = pyicebergPython();
    const running: RunnerUnderTest[] = [];
    const produce = async (timed: readonly TimedOrder[]): Promise<void> => {
      await produceOrders(driver, serde, orders.topic, timed.filter((_, i) => i % 2 === 0), 0);
      await produceOrders(driver, serde, orders.topic, timed.filter((_, i) => i % 2 === 1), 1);
    };
    const goldUntil = (done: (gold: GoldWindows) => boolean): Promise<GoldWindows> =>
      eventually(async () => {
        throwIfFatal(...running);
        try {
          return goldWindows((await readWithPyiceberg(python, config, tableName)).rows);
        } catch {
          return new Map() as GoldWindows;
        }
      }, done);

    try {
      // Three minutes of orders: every window open, so the gold table gets their early results.
      const firstPhase = orderStream(40, 'GOLD', START, 3);
      await produce(firstPhase);
      running.push(await startRunner(topology(), driver));
      const early = asGold(expectedRevenue(firstPhase, WINDOW));
      const first = await goldUntil((gold) => gold.size === early.size && [...withoutFinal(gold)].every(([key, value]) => JSON.stringify(value) === JSON.stringify(early.get(key))));
      assert.deepEqual(withoutFinal(first), early, 'the early results, one row per window');
      await running[0]?.runner.stop();

      // Restarted: an order within grace joins the last window (its early row must be replaced),
      // then orders an hour ahead close every window, whose final results replace their rows.
      const [straggler] = sampleOrders(1, 'GOLD-LATE');
      assert.ok(straggler !== undefined);
      const late: TimedOrder = { order: straggler, timestamp: START + 2 * WINDOW + 30_000 };
      const flush = sampleOrders(2, 'GOLD-FLUSH').map((order) => ({ order, timestamp: FLUSH_AT }));
      await produce([late, late]);
      await produceOrders(driver, serde, orders.topic, flush.slice(0, 1), 0);
      await produceOrders(driver, serde, orders.topic, flush.slice(1), 1);
      // The straggler went to both partitions: both copies count (the revenue topology does not deduplicate).
      const all = [...firstPhase, late, late, ...flush];
      const expected = asGold(expectedRevenue(all, WINDOW));
      running.push(await startRunner(topology(), driver));
      const closed = (key: string): boolean => Number(key.split('|')[3]) < FLUSH_AT;
      const final = await goldUntil((gold) => [...gold].every(([key, value]) => value.final === closed(key)) && JSON.stringify([...withoutFinal(gold)].sort()) === JSON.stringify([...expected].sort()));
      await running[1]?.runner.stop();

      const lateKey = [...expected.keys()].find((key) => key.startsWith(`${straggler.category}|${straggler.country}|${straggler.currency}|`) && key.endsWith(`|${START + 2 * WINDOW}`));
      assert.ok(lateKey !== undefined);
      assert.notDeepEqual(early.get(lateKey), expected.get(lateKey), 'the straggler changed its window');
      assert.deepEqual(withoutFinal(final), expected, 'one row per window, each the latest value computed from the orders');
      assert.ok([...final].every(([key, value]) => value.final === closed(key)));

      const view = await readWithPyiceberg(python, config, tableName);
      assert.equal(view.rows.length, expected.size, 'no window twice after the restart');
      assert.ok(view.snapshots.every((snapshot) => snapshot.summary.operation === 'overwrite'));
      assert.ok(view.snapshots.some((snapshot) => Object.keys(snapshot.summary).some((key) => key.startsWith(`shelfstream.offsets.${app}.revenue.`))));
      const metadataLocation = (await catalog.loadTable(table))['metadata-location'] ?? '';
      const duckdb = await readWithPeer('duckdb', interopPython('duckdb'), config, metadataLocation);
      assert.equal(duckdb.length, expected.size);
      assert.deepEqual(withoutFinal(goldWindows(duckdb)), expected);
    } finally {
      for (const { runner } of running) await runner.stop();
      await catalog.dropTable(table, true).catch(() => undefined);
      await catalog.dropNamespace([namespace]).catch(() => undefined);
    }
  });
});
