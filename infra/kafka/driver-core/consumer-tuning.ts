import type { KafkaConnection } from '../kafka-connection.ts';

/** The settings both clients' consumers derive from the connection. */
export interface ConsumerTuning {
  readonly heartbeatIntervalMs: number;
  /** Bytes one fetch may hold: the memory bound under a slow sink. */
  readonly fetchMaxBytes: number;
  /** Bytes one partition may take of a fetch, never more than the whole fetch. */
  readonly fetchMaxBytesPerPartition: number;
}

export function consumerTuning(connection: KafkaConnection): ConsumerTuning {
  return {
    heartbeatIntervalMs: Math.max(500, Math.floor(connection.sessionTimeoutMs / 10)),
    fetchMaxBytes: connection.fetchMaxBytes,
    fetchMaxBytesPerPartition: Math.min(connection.fetchMaxBytesPerPartition, connection.fetchMaxBytes),
  };
}
