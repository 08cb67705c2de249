import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';
import { CatalogError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type {
  CommitTableResponse,
  CreateTableRequest,
  LoadTableResult,
  TableIdentifier,
  TableRequirement,
  TableUpdate,
} from './iceberg-types.ts';

export interface IcebergRestCatalogOptions {
  readonly url: string;
  readonly timeoutMs: number;
  /** Catalog prefix from `GET /v1/config` overrides, when the server uses one. */
  readonly prefix?: string;
}

// A hand-written client: the npm packages for the Iceberg REST API are unmaintained or tied to a
// query engine, and the handful of endpoints we need are plain JSON over HTTP.
/** Client of the Iceberg REST catalog API (namespaces and tables) as the Iceberg OpenAPI spec defines it. */
export class IcebergRestCatalog {
  readonly #base: string;
  readonly #timeoutMs: number;

  constructor(options: IcebergRestCatalogOptions) {
    const root = options.url.replace(/\/+$/, '');
    this.#base = options.prefix === undefined ? `${root}/v1` : `${root}/v1/${encodeURIComponent(options.prefix)}`;
    this.#timeoutMs = options.timeoutMs;
  }

  /** `GET /v1/config`: the server's defaults and overrides; doubles as the health check. */
  async config(): Promise<{ defaults: Record<string, string>; overrides: Record<string, string> }> {
    return this.#request('GET', this.#base.replace(/\/v1(\/.*)?$/, '/v1/config'));
  }

  async listNamespaces(): Promise<string[][]> {
    const body = await this.#request<{ namespaces: string[][] }>('GET', `${this.#base}/namespaces`);
    return body.namespaces;
  }

  async createNamespace(namespace: readonly string[], properties: Record<string, string> = {}): Promise<void> {
    await this.#request('POST', `${this.#base}/namespaces`, { namespace, properties });
  }

  /** Creates the namespace unless it exists; other errors still throw. */
  async ensureNamespace(namespace: readonly string[]): Promise<void> {
    try {
      await this.createNamespace(namespace);
    } catch (error) {
      if (!(error instanceof CatalogError && error.status === 409)) throw error;
    }
  }

  async dropNamespace(namespace: readonly string[]): Promise<void> {
    await this.#request('DELETE', `${this.#base}/namespaces/${ns(namespace)}`);
  }

  async listTables(namespace: readonly string[]): Promise<TableIdentifier[]> {
    const body = await this.#request<{ identifiers: TableIdentifier[] }>('GET', `${this.#base}/namespaces/${ns(namespace)}/tables`);
    return body.identifiers;
  }

  async createTable(namespace: readonly string[], request: CreateTableRequest): Promise<LoadTableResult> {
    return this.#request('POST', `${this.#base}/namespaces/${ns(namespace)}/tables`, request);
  }

  async loadTable(id: TableIdentifier): Promise<LoadTableResult> {
    return this.#request('GET', this.#tableUrl(id));
  }

  /**
   * `POST .../tables/{table}`: applies the updates if every requirement still holds. A 409
   * (CommitFailedException) means another writer moved the table: the caller rebases and tries
   * again; a 5xx may have applied (CommitStateUnknownException), so it is not retried here.
   */
  async commitTable(id: TableIdentifier, requirements: readonly TableRequirement[], updates: readonly TableUpdate[]): Promise<CommitTableResponse> {
    return this.#request('POST', this.#tableUrl(id), { identifier: id, requirements, updates });
  }

  async dropTable(id: TableIdentifier, purge = false): Promise<void> {
    await this.#request('DELETE', `${this.#tableUrl(id)}?purgeRequested=${purge}`);
  }

  #tableUrl(id: TableIdentifier): string {
    return `${this.#base}/namespaces/${ns(id.namespace)}/tables/${encodeURIComponent(id.name)}`;
  }

  /** Reads are retried on network errors and 5xx (a catalog restart drops pooled connections); writes are not, as they may have applied. */
  async #request<T>(method: string, url: string, body?: unknown): Promise<T> {
    if (method !== 'GET') return this.#send(method, url, body);
    return retry(() => this.#send<T>(method, url, body), {
      retries: 4,
      initialDelayMs: 100,
      maxDelayMs: 2_000,
      isRetriable: (error) => error instanceof CatalogError && error.retriable,
    });
  }

  async #send<T>(method: string, url: string, body?: unknown): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: stringify(body) ?? '' }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // No answer: a write may or may not have applied (Iceberg's CommitStateUnknown); the caller
      // learns which by loading the table again, never by sending the same commit twice.
      const type = method === 'GET' ? 'Unreachable' : 'CommitStateUnknown';
      throw new CatalogError(0, type, `no answer from ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`, { cause: error, location: { url } });
    }
    if (!response.ok) {
      const parsed = safeJson(text) as { error?: { message?: string; type?: string } } | undefined;
      throw new CatalogError(response.status, parsed?.error?.type ?? 'HttpError', parsed?.error?.message ?? text.slice(0, 200), {
        location: { url },
      });
    }
    return (text.length === 0 ? undefined : parseExact(text)) as T;
  }
}

/**
 * JSON with integers beyond 2^53 kept exact as bigints (and written back as JSON numbers by
 * `stringify`): other writers (Spark, pyiceberg, Java) pick random 63-bit snapshot ids, which
 * `JSON.parse` would round, so a commit would assert and name a parent that does not exist.
 * Every other number stays a number, so one id always has one representation and `===` holds.
 */
export const parseExact = (text: string): unknown => parse(text, null, (value) => (isInteger(value) && !isSafeNumber(value) ? BigInt(value) : Number(value)));

// Multi-level namespaces are joined with the unit separator, as the REST spec requires.
const ns = (namespace: readonly string[]): string => encodeURIComponent(namespace.join('\u001f'));

function safeJson(text: string): unknown {
  try {
    return parseExact(text);
  } catch {
    return undefined;
  }
}
