import { deleteMode, getMode, setMode } from '../registry-mode-config.ts';
import { queryFlag } from './request-params.ts';
import type { Routes } from './route-spec.ts';
import { scopedSettingRoutes } from './scoped-setting-routes.ts';

/** /mode (the registry's) and /mode/{subject}; the registry's own mode cannot be deleted. */
export const modeRoutes: Routes = (context) =>
  scopedSettingRoutes('/mode', {
    read: async (subject, defaultToGlobal) => ({ mode: await getMode(context, subject, defaultToGlobal) }),
    write: async (subject, request) => ({ mode: await setMode(context, subject, request.body, queryFlag(request, 'force')) }),
    remove: async (subject) => ({ mode: await deleteMode(context, subject) }),
  });
