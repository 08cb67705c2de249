import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegistryContext } from '../registry-context.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** One endpoint; what the handler resolves with is the JSON response body. */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly url: string;
  readonly handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** A resource's endpoints, bound to one registry. */
export type Routes = (context: RegistryContext) => readonly RouteSpec[];
