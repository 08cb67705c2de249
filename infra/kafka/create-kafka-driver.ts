import type { ShelfstreamConfig } from '../../config/index.ts';
import { kafkaConnection } from './kafka-connection.ts';
import type { KafkaDriver } from './kafka-driver.ts';
import { createKafkajsDriver } from './kafkajs-driver.ts';
import { createRdkafkaDriver } from './rdkafka-driver.ts';

/** The driver the configuration names (`SHELFSTREAM_KAFKA_DRIVER`), or the one asked for. */
export function createKafkaDriver(config: ShelfstreamConfig, name: KafkaDriver['name'] = config.kafka.driver): KafkaDriver {
  const connection = kafkaConnection(config);
  return name === 'rdkafka' ? createRdkafkaDriver(connection) : createKafkajsDriver(connection);
}
