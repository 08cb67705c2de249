import { z } from 'zod';
import type { Secret } from '../../config/index.ts';
import { CredentialsRejectedError, SchemaRegistryError, ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import type { RegisteredSchema, SchemaRegistryClient } from './schema-registry-client.ts';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const SERVICE = 'Schema Registry';
const SETTING = 'SHELFSTREAM_SCHEMA_REGISTRY_URL';

export interface HttpSchemaRegistryOptions {
  /** Base URL of any Confluent-compatible registry; `http://user:password@host:8081` carries basic auth. */
  readonly url: string;
  /** Basic-auth user; overrides the URL's. */
  readonly username?: string;
  readonly password?: Secret;
  /** Per request; the registry is on the hot path only on cache misses. */
  readonly timeoutMs?: number;
}

const idAnswer = z.object({ id: z.number().int() });
const schemaAnswer = z.object({ schema: z.string() });
const versionAnswer = z.object({ subject: z.string(), version: z.number().int(), id: z.number().int(), schema: z.string() });
const errorAnswer = z.object({ error_code: z.number().int(), message: z.string() });

/**
 * Confluent's Schema Registry REST API over `fetch`: works with Confluent's registry, ours and any
 * other compatible one. Registry error bodies become `SchemaRegistryError`; an unreachable registry
 * `ServiceUnavailableError`; 401 and 403 `CredentialsRejectedError`.
 */
export class HttpSchemaRegistryClient implements SchemaRegistryClient {
  readonly #base: string;
  readonly #authorization: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: HttpSchemaRegistryOptions) {
    const url = new URL(options.url);
    const username = options.username ?? decodeURIComponent(url.username);
    const password = options.password?.reveal() ?? decodeURIComponent(url.password);
    // fetch refuses URLs with credentials, and they must not reach error messages either.
    url.username = '';
    url.password = '';
    this.#base = url.href.replace(/\/+$/, '');
    this.#authorization = username === '' ? undefined : `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async register(subject: string, schema: string): Promise<number> {
    return (await this.#call(idAnswer, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema })).id;
  }

  async getById(id: number): Promise<string> {
    return (await this.#call(schemaAnswer, 'GET', `/schemas/ids/${id}`)).schema;
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    return this.#call(versionAnswer, 'GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
  }

  async lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    try {
      return await this.#call(versionAnswer, 'POST', `/subjects/${encodeURIComponent(subject)}`, { schema });
    } catch (error) {
      // 40401: no such subject, 40403: the subject does not hold this schema.
      if (error instanceof SchemaRegistryError && error.isNotFound) return undefined;
      throw error;
    }
  }

  /** Any other call of the REST API, its answer checked by `answer`: for admin tools such as the CLI. */
  request<T>(answer: z.ZodType<T>, method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<T> {
    return this.#call(answer, method, path, body);
  }

  async #call<T>(answer: z.ZodType<T>, method: 'GET' | 'POST' | 'PUT', path: string, body?: object): Promise<T> {
    const url = `${this.#base}${path}`;
    const headers: Record<string, string> = { Accept: `${CONTENT_TYPE}, application/json;q=0.5` };
    if (body !== undefined) headers['Content-Type'] = CONTENT_TYPE;
    if (this.#authorization !== undefined) headers.Authorization = this.#authorization;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw new ServiceUnavailableError(SERVICE, SETTING, `${method} ${url}: ${describeCause(cause)}`, { cause, location: { url } });
    }
    if (response.status === 401 || response.status === 403) {
      throw new CredentialsRejectedError(SERVICE, SETTING, `${method} ${url}: ${response.status} ${text.slice(0, 200)}`);
    }
    const json = parseJson(text);
    if (!response.ok) {
      const error = errorAnswer.safeParse(json);
      const message = error.success ? error.data.message : text.slice(0, 200) || response.statusText;
      throw new SchemaRegistryError(response.status, error.success ? error.data.error_code : undefined, message, {
        location: { url },
      });
    }
    const parsed = answer.safeParse(json);
    if (!parsed.success) {
      throw new SchemaRegistryError(response.status, undefined, `unexpected answer to ${method} ${path}: ${text.slice(0, 200)}`, {
        location: { url },
      });
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
