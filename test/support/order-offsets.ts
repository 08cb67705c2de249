import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { readTopic } from './read-topic.ts';

/** Where each order of an orders topic landed, by order id: what outcomes must point back to. */
export async function orderOffsets(
  driver: KafkaDriver,
  serde: AvroSerde,
  topic: string,
  partitions: number,
): Promise<Map<string, { partition: number; offset: string }>> {
  const schema = readSchemaFile('sales-order');
  const offsets = new Map<string, { partition: number; offset: string }>();
  for (const r of await readTopic(driver, topic, partitions)) {
    if (r.value === null) continue;
    const order = await serde.deserialize(r.value, schema);
    offsets.set(order.order_id, { partition: r.partition, offset: r.offset });
  }
  return offsets;
}
