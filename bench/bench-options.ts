import type { ShelfstreamConfig } from '../config/index.ts';
import type { ProcessingGuarantee } from '../runtime/topology-runner.ts';

/** `--driver`, else the configured driver. */
export function benchDriverName(flag: string | undefined, config: ShelfstreamConfig): 'kafkajs' | 'rdkafka' {
  const name = flag ?? config.kafka.driver;
  if (name !== 'kafkajs' && name !== 'rdkafka') throw new Error('--driver takes kafkajs or rdkafka');
  return name;
}

/** `--guarantee`, else the configured processing guarantee. */
export function benchGuarantee(flag: string | undefined, config: ShelfstreamConfig): ProcessingGuarantee {
  const name = flag ?? config.kafka.processingGuarantee;
  if (name !== 'exactly-once' && name !== 'at-least-once') throw new Error('--guarantee takes exactly-once or at-least-once');
  return name;
}
