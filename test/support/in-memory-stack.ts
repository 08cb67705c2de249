import { InMemoryCluster, type InMemoryClusterOptions } from '../../infra/kafka/in-memory/in-memory-cluster.ts';
import type { InMemoryConsumerOptions } from '../../infra/kafka/in-memory/in-memory-consumer.ts';
import { createInMemoryDriver } from '../../infra/kafka/in-memory/in-memory-driver.ts';
import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../schemas/serde/in-memory-schema-registry.ts';

/** Kafka and the Schema Registry in memory: what a unit test of a topology runs on instead of the local stack. */
export interface InMemoryStack {
  readonly cluster: InMemoryCluster;
  readonly driver: KafkaDriver;
  readonly serde: AvroSerde;
}

export function inMemoryStack(options: InMemoryClusterOptions = {}, consumer: Partial<InMemoryConsumerOptions> = {}): InMemoryStack {
  const cluster = new InMemoryCluster(options);
  return { cluster, driver: createInMemoryDriver(cluster, consumer), serde: new AvroSerde(new InMemorySchemaRegistry()) };
}

/** Waits until `condition` holds, checking every few milliseconds; fails with `what` after the timeout. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
