import { deleteCompatibility, getCompatibility, setCompatibility } from '../compatibility-config.ts';
import { pathParam, queryFlag } from './request-params.ts';
import type { Routes } from './route-spec.ts';

/** /config (the registry's compatibility level) and /config/{subject}. */
export const configRoutes: Routes = (context) => [
  {
    method: 'GET',
    url: '/config',
    handler: async () => ({ compatibilityLevel: await getCompatibility(context, null, true) }),
  },
  {
    method: 'PUT',
    url: '/config',
    handler: async (request) => ({ compatibility: await setCompatibility(context, null, request.body) }),
  },
  {
    method: 'DELETE',
    url: '/config',
    handler: async () => ({ compatibilityLevel: await deleteCompatibility(context, null) }),
  },
  {
    method: 'GET',
    url: '/config/:subject',
    handler: async (request) => ({
      compatibilityLevel: await getCompatibility(context, pathParam(request, 'subject'), queryFlag(request, 'defaultToGlobal')),
    }),
  },
  {
    method: 'PUT',
    url: '/config/:subject',
    handler: async (request) => ({ compatibility: await setCompatibility(context, pathParam(request, 'subject'), request.body) }),
  },
  {
    method: 'DELETE',
    url: '/config/:subject',
    handler: async (request) => ({ compatibilityLevel: await deleteCompatibility(context, pathParam(request, 'subject')) }),
  },
];
