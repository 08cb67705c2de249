import type { FastifyRequest } from 'fastify';
import type { RegistryContext } from '../registry-context.ts';
import { schemaInput } from '../schema-input.ts';
import { testCompatibility } from '../test-compatibility.ts';
import { parseVersionId } from '../version-id.ts';
import { pathParam, queryFlag } from './request-params.ts';
import type { Routes } from './route-spec.ts';

async function answer(context: RegistryContext, request: FastifyRequest, version: string | undefined): Promise<unknown> {
  const id = version === undefined ? undefined : parseVersionId(version);
  const input = schemaInput(request.body ?? {});
  const messages = await testCompatibility(context, pathParam(request, 'subject'), id, input, queryFlag(request, 'normalize'));
  const isCompatible = messages.length === 0;
  return queryFlag(request, 'verbose') ? { is_compatible: isCompatible, messages } : { is_compatible: isCompatible };
}

/** POST /compatibility/subjects/{subject}/versions[/{version}][?verbose=true]. */
export const compatibilityRoutes: Routes = (context) => [
  {
    method: 'POST',
    url: '/compatibility/subjects/:subject/versions/:version',
    handler: (request) => answer(context, request, pathParam(request, 'version')),
  },
  {
    method: 'POST',
    url: '/compatibility/subjects/:subject/versions',
    handler: (request) => answer(context, request, undefined),
  },
];
