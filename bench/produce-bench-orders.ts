import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../schemas/record-keys.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { subjectName } from '../schemas/serde/subject-name.ts';
import { generateOrders } from '../sources/generator/order-generator.ts';

const CHUNK = 2_000;

/** Fills a topic with `count` generated orders as a replay would write them; returns the bytes of their values. */
export async function produceBenchOrders(driver: KafkaDriver, serde: AvroSerde, topic: string, count: number, start: number): Promise<number> {
  const schema = readSchemaFile('sales-order');
  const producer = driver.producer();
  await producer.connect();
  let bytes = 0;
  try {
    let chunk: { key: Buffer; value: Buffer; timestamp: number }[] = [];
    for (const event of generateOrders({ seed: 1, count, start, eventsPerSecond: 50 })) {
      const value = await serde.serialize(subjectName(topic, 'value'), schema, event.value);
      bytes += value.length;
      chunk.push({ key: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, event.key), value, timestamp: event.timestamp });
      if (chunk.length === CHUNK) {
        await producer.send(topic, chunk);
        chunk = [];
      }
    }
    await producer.send(topic, chunk);
  } finally {
    await producer.disconnect();
  }
  return bytes;
}
