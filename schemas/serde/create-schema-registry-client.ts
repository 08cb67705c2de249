import type { ShelfstreamConfig } from '../../config/index.ts';
import { HttpSchemaRegistryClient } from './http-schema-registry.ts';
import type { SchemaRegistryClient } from './schema-registry-client.ts';

/** The registry named by `schemaRegistry.url` (ours, Confluent's or any compatible one). */
export function createSchemaRegistryClient(config: ShelfstreamConfig): SchemaRegistryClient {
  return new HttpSchemaRegistryClient({ url: config.schemaRegistry.url, timeoutMs: config.connectTimeoutMs });
}
