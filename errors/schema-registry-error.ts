import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * The Schema Registry answered with an error body (`{"error_code":40401,"message":...}`).
 * `registryCode` is Confluent's code; `code` names it for logs (`SCHEMA_REGISTRY_40401`).
 */
export class SchemaRegistryError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;
  readonly registryCode: number;

  constructor(status: number, registryCode: number, message: string, options: ShelfstreamErrorOptions = {}) {
    super(`Schema Registry ${status} (${registryCode}): ${message}`, options);
    this.status = status;
    this.registryCode = registryCode;
    this.code = `SCHEMA_REGISTRY_${registryCode}`;
    // 5xx (store not ready, timeouts) and throttling may pass; 4xx answers will not change.
    this.retriable = status >= 500 || status === 429;
  }

  /** 40401 subject, 40402 version or 40403 schema not found. */
  get isNotFound(): boolean {
    return this.registryCode >= 40401 && this.registryCode <= 40403;
  }
}
