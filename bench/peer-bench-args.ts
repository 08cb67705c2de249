import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ShelfstreamConfig } from '../config/index.ts';

/** The options every peer benchmark takes (bench/kafka-streams-peer.ts, bench/spark-peer.ts), for parseArgs. */
export const PEER_BENCH_OPTIONS = {
  records: { type: 'string', default: '50000' },
  partitions: { type: 'string', default: '3' },
  driver: { type: 'string' },
  'cache-dir': { type: 'string', default: join(homedir(), '.cache', 'shelfstream') },
} as const satisfies ParseArgsConfig['options'];

export interface PeerBenchArgs {
  readonly records: number;
  readonly partitions: number;
  readonly driverName: 'kafkajs' | 'rdkafka';
  readonly cacheDir: string;
}

/** The common options checked: positive counts, a known driver (the configured one unless given). */
export function peerBenchArgs(values: { records: string; partitions: string; driver?: string | undefined; 'cache-dir': string }, config: ShelfstreamConfig): PeerBenchArgs {
  const records = Number(values.records);
  const partitions = Number(values.partitions);
  if (![records, partitions].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--records and --partitions take positive integers');
  const driverName = values.driver ?? config.kafka.driver;
  if (driverName !== 'kafkajs' && driverName !== 'rdkafka') throw new Error('--driver takes kafkajs or rdkafka');
  return { records, partitions, driverName, cacheDir: values['cache-dir'] };
}
