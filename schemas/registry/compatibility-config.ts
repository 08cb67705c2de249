import { DEFAULT_COMPATIBILITY, parseCompatibilityLevel, type CompatibilityLevel } from './compatibility-level.ts';
import { assertSettingsWritable, type RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import { recordKeys, recordValues } from './registry-records.ts';

/** `subject` null is the registry-wide level (GET/PUT/DELETE /config), otherwise /config/{subject}. */
export async function getCompatibility(context: RegistryContext, subject: string | null, defaultToGlobal: boolean): Promise<CompatibilityLevel> {
  return await context.store.read((state) => {
    const global = state.compatibility(null) ?? DEFAULT_COMPATIBILITY;
    if (subject === null) return global;
    const level = state.compatibility(subject);
    if (level !== undefined) return level;
    if (defaultToGlobal) return global;
    throw registryErrors.subjectCompatibilityNotConfigured(subject);
  });
}

/** PUT /config[/{subject}] with `{"compatibility":"FULL"}`; a subject needs no schema to have a level. */
export async function setCompatibility(context: RegistryContext, subject: string | null, body: unknown): Promise<CompatibilityLevel> {
  assertSettingsWritable(context);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const level = parseCompatibilityLevel(fields.compatibility ?? fields.compatibilityLevel);
  return await context.store.write(() => ({ result: level, records: [{ key: recordKeys.config(subject), value: recordValues.config(level) }] }));
}

/** DELETE /config[/{subject}]: answers the level that was set; the registry falls back to BACKWARD. */
export async function deleteCompatibility(context: RegistryContext, subject: string | null): Promise<CompatibilityLevel> {
  assertSettingsWritable(context);
  return await context.store.write((state) => {
    const level = state.compatibility(subject);
    if (level === undefined) {
      if (subject !== null) throw registryErrors.subjectNotFound(subject);
      return { result: DEFAULT_COMPATIBILITY, records: [] };
    }
    return { result: level, records: [{ key: recordKeys.config(subject), value: null }] };
  });
}
