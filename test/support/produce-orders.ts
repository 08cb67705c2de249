import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { TimedOrder } from './order-stream.ts';

/** Produces orders as a replay source would: Avro through the registry, keyed by order id, event time as record timestamp. */
export async function produceOrders(driver: KafkaDriver, serde: AvroSerde, topic: string, orders: readonly TimedOrder[], partition?: number): Promise<void> {
  const schema = readSchemaFile('sales-order');
  const producer = driver.producer();
  await producer.connect();
  try {
    for (let i = 0; i < orders.length; i += 500) {
      const chunk = await Promise.all(
        orders.slice(i, i + 500).map(async ({ order, timestamp }) => ({
          key: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, order.order_id),
          value: await serde.serialize(subjectName(topic, 'value'), schema, order),
          timestamp,
          ...(partition === undefined ? {} : { partition }),
        })),
      );
      await producer.send(topic, chunk);
    }
  } finally {
    await producer.disconnect();
  }
}
