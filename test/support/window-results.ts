import assert from 'node:assert/strict';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import type { WindowAggregate } from '../../schemas/types/window-aggregate.ts';
import type { ExpectedWindow } from './order-stream.ts';
import { readTopic } from './read-topic.ts';

/**
 * Every final result written to an output topic, per `category|country|currency|window_start`. A list,
 * not the latest only: a window emitted twice with different values (counted twice, or lost
 * between owners) must show up rather than be hidden behind its last emission.
 */
export async function readFinalWindows(driver: KafkaDriver, serde: AvroSerde, topic: string, partitions: number): Promise<Map<string, WindowAggregate[]>> {
  const schema = readSchemaFile('window-aggregate');
  const finals = new Map<string, WindowAggregate[]>();
  for (const r of await readTopic(driver, topic, partitions)) {
    if (r.value === null) continue;
    const w = await serde.deserialize(r.value, schema);
    if (!w.is_final) continue;
    const key = `${w.key}|${w.window_start}`;
    finals.set(key, [...(finals.get(key) ?? []), w]);
  }
  return finals;
}

/**
 * Asserts that the final windows are exactly the expected ones: no window missing or extra,
 * re-emissions identical, and currency, count, sum, min, max, distinct customers and quantiles
 * equal to a direct computation over the same orders.
 */
export function assertWindowsMatch(finals: ReadonlyMap<string, readonly WindowAggregate[]>, expected: ReadonlyMap<string, ExpectedWindow>): void {
  const missing = [...expected.keys()].filter((k) => !finals.has(k)).sort();
  const extra = [...finals.keys()].filter((k) => !expected.has(k)).sort();
  assert.deepEqual(
    { missing: missing.length, extra: extra.length },
    { missing: 0, extra: 0 },
    `final windows: ${finals.size} emitted, ${expected.size} expected; missing ${missing.slice(0, 5).join(', ')}; extra ${extra.slice(0, 5).join(', ')}`,
  );
  for (const [key, e] of expected) {
    const emitted = finals.get(key) ?? [];
    const [w] = emitted;
    assert.ok(w, `missing window ${key}`);
    for (const again of emitted.slice(1)) assert.deepEqual({ ...again, emitted_at: 0 }, { ...w, emitted_at: 0 }, `${key} emitted twice with different results`);
    assert.deepEqual(
      { currency: w.currency, orders: w.count, revenue: w.sum, smallest: w.min, largest: w.max, customers: w.distinct_count },
      { currency: e.currency, orders: e.orders, revenue: e.revenue, smallest: e.smallest, largest: e.largest, customers: e.customers },
      key,
    );
    const sorted = [...e.totals].sort((a, b) => a - b);
    for (const q of w.quantiles) {
      // Rank conventions differ by one between sketches; accept the ranks around q within the sketch's 1%.
      const level = q.permille / 1000;
      const around = sorted.slice(Math.floor(level * (sorted.length - 1)), Math.ceil(level * sorted.length) + 1);
      assert.ok(around.some((v) => Math.abs(q.value - v) <= Math.max(1, 0.011 * v)), `${key} p${q.permille}: ${q.value} not near ${around.join(',')}`);
    }
  }
}
