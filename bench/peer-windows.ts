import type { IncomingRecord, KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { WindowFigures } from './kafka-streams/compare-windows.ts';

/** Every record of a topic, in partition order, read_committed. */
async function readAll(kafka: KafkaDriver, topic: string, partitions: number): Promise<IncomingRecord[]> {
  const all: IncomingRecord[] = [];
  for (let p = 0; p < partitions; p++) await kafka.readPartition(topic, p, (batch) => all.push(...batch));
  return all;
}

function quantile(quantiles: readonly { permille: number; value: number }[], permille: number): number {
  const q = quantiles.find((v) => v.permille === permille);
  if (q === undefined) throw new Error(`our window aggregate has no quantile at ${permille} permille`);
  return q.value;
}

/** Our WindowAggregate records by `group|windowStart`; a later record of a window replaces an earlier one. */
export async function ourWindows(kafka: KafkaDriver, serde: AvroSerde, topic: string, partitions: number): Promise<Map<string, WindowFigures>> {
  const schema = readSchemaFile('window-aggregate');
  const windows = new Map<string, WindowFigures>();
  for (const record of await readAll(kafka, topic, partitions)) {
    if (record.value === null) continue;
    const w = await serde.deserialize(record.value, schema);
    windows.set(`${w.key}|${w.window_start}`, {
      window_start: w.window_start,
      window_end: w.window_end,
      count: w.count,
      sum: w.sum,
      min: w.min,
      max: w.max,
      avg: w.avg,
      distinct_count: w.distinct_count ?? 0,
      p500: quantile(w.quantiles, 500),
      p900: quantile(w.quantiles, 900),
      p990: quantile(w.quantiles, 990),
    });
  }
  return windows;
}

/** A peer's JSON results by `group|windowStart` (their key): the latest of each window wins. */
export async function peerWindows(kafka: KafkaDriver, topic: string, partitions: number): Promise<Map<string, WindowFigures>> {
  const windows = new Map<string, WindowFigures>();
  for (const record of await readAll(kafka, topic, partitions)) {
    if (record.key === null || record.value === null) continue;
    windows.set(record.key.toString(), JSON.parse(record.value.toString()) as WindowFigures);
  }
  return windows;
}
