import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';

/** Produces observations as `shelfstream poll` does: keyed by ASIN, Avro through the registry, timestamped with observed_at. */
export async function produceObservations(driver: KafkaDriver, serde: AvroSerde, topic: string, observations: readonly MarketplaceObservation[]): Promise<void> {
  const encodeKey = await serde.serializer(subjectName(topic, 'key'), KEY_SCHEMA);
  const encodeValue = await serde.serializer(subjectName(topic, 'value'), readSchemaFile('marketplace-observation'));
  const producer = driver.producer();
  await producer.connect();
  try {
    await producer.send(topic, observations.map((o) => ({ key: encodeKey(o.asin), value: encodeValue(o), timestamp: o.observed_at })));
  } finally {
    await producer.disconnect();
  }
}
