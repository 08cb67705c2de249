import type { FastifyRequest } from 'fastify';
import { registryErrors } from '../registry-errors.ts';

/** A path parameter, already URL-decoded by the router. */
export function pathParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Partial<Record<string, string>>)[name];
  // The router only runs a handler when its pattern matched, so a missing parameter is a bug.
  if (value === undefined) throw new Error(`route without :${name}`);
  return value;
}

export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Partial<Record<string, string | string[]>>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Jersey's boolean query parameters: "true" in any case is true, anything else false. */
export function queryFlag(request: FastifyRequest, name: string): boolean {
  return queryValue(request, name)?.toLowerCase() === 'true';
}

/** A numeric path segment such as a schema id; Jersey answers a non-number with 404. */
export function numericParam(request: FastifyRequest, name: string): number {
  const raw = pathParam(request, name);
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw registryErrors.http(404, 'Not Found');
  return value;
}
