import { assertSchemasWritable, type RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import { recordKeys, recordValues } from './registry-records.ts';
import type { LogWrite } from './schema-log.ts';
import { assertNotReferenced, permanentDeleteRecords } from './version-deletion.ts';

/**
 * DELETE /subjects/{subject}[?permanent=true]: soft-deletes every live version (40404 if there
 * is none left), or permanently deletes a soft-deleted subject (40405 if some version is still
 * live) with its compatibility and mode settings. Answers the versions deleted.
 */
export function deleteSubject(context: RegistryContext, subject: string, permanent: boolean): Promise<number[]> {
  return context.store.write((state) => {
    assertSchemasWritable(context, state, subject);
    const versions = state.versions(subject);
    if (versions.length === 0) throw registryErrors.subjectNotFound(subject);
    const live = versions.filter((v) => !v.deleted);
    if (permanent) {
      if (live.length > 0) throw registryErrors.subjectNotSoftDeleted(subject);
      for (const v of versions) assertNotReferenced(state, v);
      const settings: LogWrite[] = [
        ...(state.compatibility(subject) === undefined ? [] : [{ key: recordKeys.config(subject), value: null }]),
        ...(state.mode(subject) === undefined ? [] : [{ key: recordKeys.mode(subject), value: null }]),
      ];
      return { result: versions.map((v) => v.version), records: [...versions.flatMap(permanentDeleteRecords), ...settings] };
    }
    if (live.length === 0) throw registryErrors.subjectSoftDeleted(subject);
    for (const v of live) assertNotReferenced(state, v);
    const records = live.map((v) => ({ key: recordKeys.softDelete(subject, v.version, v.claim), value: recordValues.softDelete() }));
    return { result: live.map((v) => v.version), records };
  });
}
