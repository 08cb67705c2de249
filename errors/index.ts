export { ShelfstreamError, type ErrorLocation, type ShelfstreamErrorOptions } from './shelfstream-error.ts';
export { ConfigError, type SettingProblem } from './config-error.ts';
export { ServiceUnavailableError } from './service-unavailable-error.ts';
export { CredentialsRejectedError } from './credentials-rejected-error.ts';
export { CatalogError } from './catalog-error.ts';
export { KafkaClientError } from './kafka-client-error.ts';
export { WireFormatError, type WireFormatProblem } from './wire-format-error.ts';
export { SchemaRegistryError } from './schema-registry-error.ts';
export { SchemaMismatchError } from './schema-mismatch-error.ts';
