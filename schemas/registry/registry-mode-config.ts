import { effectiveMode, assertSettingsWritable, type RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import { parseRegistryMode, type RegistryMode } from './registry-mode.ts';
import { recordKeys, recordValues } from './registry-records.ts';

/** `subject` null is the registry's mode (GET/PUT /mode), otherwise /mode/{subject}. */
export async function getMode(context: RegistryContext, subject: string | null, defaultToGlobal: boolean): Promise<RegistryMode> {
  return await context.store.read((state) => {
    if (subject === null || context.readOnly) return effectiveMode(context, state, subject);
    const mode = state.mode(subject);
    if (mode !== undefined) return mode;
    if (defaultToGlobal) return effectiveMode(context, state, null);
    throw registryErrors.subjectModeNotConfigured(subject);
  });
}

/**
 * PUT /mode[/{subject}] with `{"mode":"READONLY"}`. IMPORT is for loading schemas with their
 * ids from elsewhere, so it needs an empty registry (or subject) unless `force`.
 */
export async function setMode(context: RegistryContext, subject: string | null, body: unknown, force: boolean): Promise<RegistryMode> {
  assertSettingsWritable(context);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const mode = parseRegistryMode(fields.mode);
  return await context.store.write((state) => {
    const occupied = subject === null ? state.subjects().length > 0 : state.versions(subject).length > 0;
    if (mode === 'IMPORT' && occupied && !force) {
      throw registryErrors.operationNotPermitted('Cannot import since found existing subjects');
    }
    return { result: mode, records: [{ key: recordKeys.mode(subject), value: recordValues.mode(mode) }] };
  });
}

/** DELETE /mode/{subject}: answers the mode that was set; the subject follows the registry's again. */
export async function deleteMode(context: RegistryContext, subject: string): Promise<RegistryMode> {
  assertSettingsWritable(context);
  return await context.store.write((state) => {
    const mode = state.mode(subject);
    if (mode === undefined) throw registryErrors.subjectNotFound(subject);
    return { result: mode, records: [{ key: recordKeys.mode(subject), value: null }] };
  });
}
