import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/**
 * The Schema Registry answered with an error. `registryCode` is Confluent's code from the body
 * (`{"error_code":40401,"message":...}`) and names the error (`SCHEMA_REGISTRY_40401`); when the
 * answer was not a registry error body, the HTTP status does (`SCHEMA_REGISTRY_HTTP_502`).
 */
export class SchemaRegistryError extends ShelfstreamError {
  readonly code: string;
  readonly retriable: boolean;
  readonly status: number;
  readonly registryCode: number | undefined;

  constructor(status: number, registryCode: number | undefined, message: string, options: ShelfstreamErrorOptions = {}) {
    super(`Schema Registry ${status}${registryCode === undefined ? '' : ` (${registryCode})`}: ${message}`, options);
    this.status = status;
    this.registryCode = registryCode;
    this.code = `SCHEMA_REGISTRY_${registryCode ?? `HTTP_${status}`}`;
    // 5xx (store not ready, forwarding failed) and throttling may pass; 4xx answers will not change.
    this.retriable = status >= 500 || status === 429;
  }

  /** 40401 subject, 40402 version or 40403 schema not found. */
  get isNotFound(): boolean {
    return this.registryCode !== undefined && this.registryCode >= 40401 && this.registryCode <= 40403;
  }
}
