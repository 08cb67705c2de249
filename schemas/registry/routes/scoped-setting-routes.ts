import type { FastifyRequest } from 'fastify';
import { pathParam, queryFlag } from './request-params.ts';
import type { RouteSpec } from './route-spec.ts';

/**
 * A registry setting with a registry-wide value (subject null) that a subject may override, each
 * handler resolving with the response body.
 */
export interface ScopedSetting {
  read(subject: string | null, defaultToGlobal: boolean): Promise<unknown>;
  write(subject: string | null, request: FastifyRequest): Promise<unknown>;
  remove(subject: string): Promise<unknown>;
  /** Absent where the registry-wide value cannot be deleted. */
  removeGlobal?: () => Promise<unknown>;
}

/**
 * `path` for the registry-wide value and `path/{subject}` for one subject's. Reading the
 * registry's own value always falls back to the default; a subject's only with `defaultToGlobal`.
 */
export function scopedSettingRoutes(path: string, setting: ScopedSetting): RouteSpec[] {
  const subject = (request: FastifyRequest): string => pathParam(request, 'subject');
  const { removeGlobal } = setting;
  return [
    { method: 'GET', url: path, handler: () => setting.read(null, true) },
    { method: 'PUT', url: path, handler: (request) => setting.write(null, request) },
    ...(removeGlobal === undefined ? [] : [{ method: 'DELETE', url: path, handler: removeGlobal } as const]),
    { method: 'GET', url: `${path}/:subject`, handler: (request) => setting.read(subject(request), queryFlag(request, 'defaultToGlobal')) },
    { method: 'PUT', url: `${path}/:subject`, handler: (request) => setting.write(subject(request), request) },
    { method: 'DELETE', url: `${path}/:subject`, handler: (request) => setting.remove(subject(request)) },
  ];
}
