import { deleteMode, getMode, setMode } from '../registry-mode-config.ts';
import { pathParam, queryFlag } from './request-params.ts';
import type { Routes } from './route-spec.ts';

/** /mode (the registry's) and /mode/{subject}. */
export const modeRoutes: Routes = (context) => [
  { method: 'GET', url: '/mode', handler: async () => ({ mode: await getMode(context, null, true) }) },
  {
    method: 'PUT',
    url: '/mode',
    handler: async (request) => ({ mode: await setMode(context, null, request.body, queryFlag(request, 'force')) }),
  },
  {
    method: 'GET',
    url: '/mode/:subject',
    handler: async (request) => ({
      mode: await getMode(context, pathParam(request, 'subject'), queryFlag(request, 'defaultToGlobal')),
    }),
  },
  {
    method: 'PUT',
    url: '/mode/:subject',
    handler: async (request) => ({
      mode: await setMode(context, pathParam(request, 'subject'), request.body, queryFlag(request, 'force')),
    }),
  },
  {
    method: 'DELETE',
    url: '/mode/:subject',
    handler: async (request) => ({ mode: await deleteMode(context, pathParam(request, 'subject')) }),
  },
];
