import type { ApiError } from './api-types.ts';

/** A failed API call: what the server said, and which service (Kafka, Schema Registry) failed. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly service: string | undefined;

  constructor(status: number, code: string, message: string, service?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.service = service;
  }
}

/** One call to the console's JSON API; any failure, the network's included, as an ApiFailure. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`api/${path}`, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiFailure(0, 'CONSOLE_UNREACHABLE', `the console server does not answer: ${String(error)}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const failure = (body as Partial<ApiError> | undefined)?.error;
    throw new ApiFailure(response.status, failure?.code ?? `HTTP_${response.status}`, failure?.message ?? response.statusText, failure?.service);
  }
  return body as T;
}

/** Any error as an ApiFailure, for the panels that show it. */
export function toFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, 'UNEXPECTED', String(error));
}
