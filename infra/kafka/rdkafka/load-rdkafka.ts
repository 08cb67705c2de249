import { createRequire } from 'node:module';
import type * as Rdkafka from 'node-rdkafka';

// node-rdkafka is a CommonJS native addon; loading it lazily keeps kafkajs-only processes free of it.
const require = createRequire(import.meta.url);

export const loadRdkafka = (): typeof Rdkafka => require('node-rdkafka') as typeof Rdkafka;

/** librdkafka properties shared by every client of one connection. */
export type RdkafkaConfig = Record<string, string | number>;
