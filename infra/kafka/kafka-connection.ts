import type { ShelfstreamConfig } from '../../config/index.ts';

/** The part of the configuration a Kafka driver needs. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly connectTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly fetchMaxBytes: number;
  readonly fetchMaxBytesPerPartition: number;
}

export function kafkaConnection(config: ShelfstreamConfig): KafkaConnection {
  return {
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    connectTimeoutMs: config.connectTimeoutMs,
    sessionTimeoutMs: config.kafka.sessionTimeoutMs,
    fetchMaxBytes: config.kafka.fetchMaxBytes,
    fetchMaxBytesPerPartition: config.kafka.fetchMaxBytesPerPartition,
  };
}
