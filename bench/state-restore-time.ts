/**
 * How long a task takes to restore a window store from its changelog as state grows, on the
 * running stack:
 *
 *   npx tsx bench/state-restore-time.ts [--keys 10000,100000,1000000] [--driver kafkajs]
 *
 * For each size, fills one changelog partition (compacted, as the runtime creates them) with that
 * many distinct window entries of the orders topology (each the state of a window holding a dozen
 * orders, as the topology writes them), then restores it into a fresh store the way a task does on
 * its first batch, and reports the time and the heap the store holds. One JSON line.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import type { OutgoingRecord } from '../infra/kafka/kafka-driver.ts';
import { changelogSpec, restoreStore } from '../runtime/changelog.ts';
import { KeyValueStore } from '../runtime/key-value-store.ts';
import type { SalesOrder } from '../schemas/types/sales-order.ts';
import { generateOrders } from '../sources/generator/order-generator.ts';
import { orderMeasures } from '../streams/orders/order-measures.ts';
import type { StreamRecord } from '../streams/stream-record.ts';
import type { WindowEntry } from '../streams/window-aggregate.ts';
import { benchDriverName } from './bench-options.ts';

const CHUNK = 10_000;
const ORDERS_PER_WINDOW = 12;
const MINUTE = 60_000;

const { values } = parseArgs({ options: { keys: { type: 'string', default: '10000,100000,1000000' }, driver: { type: 'string' } } });
const sizes = values.keys.split(',').map(Number);
if (!sizes.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--keys takes positive integers, comma-separated');
const config = loadConfig();
const driverName = benchDriverName(values.driver, config);
const driver = createKafkaDriver(config, driverName);

// One window's state as the orders topology stores it; every entry differs only by its key.
const orders = [...generateOrders({ seed: 1, count: ORDERS_PER_WINDOW, start: 0, eventsPerSecond: 1 })].map(
  (e): StreamRecord<SalesOrder> => ({ key: e.key, value: e.value, timestamp: e.timestamp, headers: {}, origin: { topic: 'orders', partition: 0, offset: '0' }, raw: { key: null, value: null } }),
);
const state = orderMeasures.toJSON(orders.reduce((s, r) => orderMeasures.add(s, r), orderMeasures.init()));
const entry = (group: string, start: number): WindowEntry => ({ kind: 'window', group, start, end: start + MINUTE, state, closed: false });

// A full collection before each reading, so the heap is what the store holds, not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const heapMiB = (): number => {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function restoreOf(keys: number) {
  const topic = `bench-restore-${randomUUID().slice(0, 8)}.revenue-per-minute.changelog`;
  const admin = await driver.admin();
  const producer = driver.producer();
  try {
    await admin.createTopics([changelogSpec(topic, 1)]);
    await producer.connect();
    let valueBytes = 0;
    for (let from = 0; from < keys; from += CHUNK) {
      const records: OutgoingRecord[] = [];
      for (let i = from; i < Math.min(keys, from + CHUNK); i++) {
        const group = `category-${i % 997}|DE|EUR`;
        const start = Math.floor(i / 997) * MINUTE;
        const value = Buffer.from(JSON.stringify(entry(group, start)));
        valueBytes += value.length;
        records.push({ key: Buffer.from(`${group}\u0000${start}`), value, partition: 0 });
      }
      await producer.send(topic, records);
    }
    const store = new KeyValueStore<WindowEntry>('revenue-per-minute');
    const heapBefore = heapMiB();
    const started = performance.now();
    const applied = await restoreStore(driver, topic, 0, store);
    const seconds = (performance.now() - started) / 1000;
    const storeHeapMiB = heapMiB() - heapBefore;
    if (store.size !== keys) throw new Error(`restored ${store.size} keys of ${keys} (${applied} records applied)`);
    return { keys, valueBytes: Math.round(valueBytes / keys), restoreSeconds: Number(seconds.toFixed(2)), keysPerSecond: Math.round(keys / seconds), storeHeapMiB: Math.round(storeHeapMiB) };
  } finally {
    await producer.disconnect();
    await admin.deleteTopics([topic]).catch(() => undefined);
    await admin.close();
  }
}

const runs = [];
for (const keys of sizes) runs.push(await restoreOf(keys));
process.stdout.write(`${JSON.stringify({ driver: driverName, runs })}\n`);
