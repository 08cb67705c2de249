import type { CompatibilityLevel } from '../compatibility-level.ts';
import { deleteCompatibility, getCompatibility, setCompatibility } from '../compatibility-config.ts';
import type { RegistryContext } from '../registry-context.ts';
import type { Routes } from './route-spec.ts';
import { scopedSettingRoutes } from './scoped-setting-routes.ts';

/** /config (the registry's compatibility level) and /config/{subject}. */
export const configRoutes: Routes = (context) =>
  scopedSettingRoutes('/config', {
    read: async (subject, defaultToGlobal) => ({ compatibilityLevel: await getCompatibility(context, subject, defaultToGlobal) }),
    write: async (subject, request) => ({ compatibility: await setCompatibility(context, subject, request.body) }),
    remove: (subject) => deleted(context, subject),
    removeGlobal: () => deleted(context, null),
  });

async function deleted(context: RegistryContext, subject: string | null): Promise<{ compatibilityLevel: CompatibilityLevel }> {
  return { compatibilityLevel: await deleteCompatibility(context, subject) };
}
