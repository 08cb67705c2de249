import { findVersion } from './find-version.ts';
import { assertSchemasWritable, type RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import { recordKeys, recordValues } from './registry-records.ts';
import type { VersionId } from './version-id.ts';
import { assertNotReferenced, permanentDeleteRecords } from './version-deletion.ts';

/**
 * DELETE /subjects/{subject}/versions/{version}[?permanent=true]: soft-deletes a live version
 * (40406 if already soft-deleted) or permanently deletes a soft-deleted one (40407 if it is
 * still live). `latest` means the newest live version, or with `permanent` the newest at all.
 */
export function deleteVersion(context: RegistryContext, subject: string, id: VersionId, permanent: boolean): Promise<number> {
  return context.store.write((state) => {
    assertSchemasWritable(context, state, subject);
    const version = findVersion(state, subject, id, permanent || id !== 'latest');
    if (!permanent && version.deleted) throw registryErrors.versionSoftDeleted(subject, version.version);
    if (permanent && !version.deleted) throw registryErrors.versionNotSoftDeleted(subject, version.version);
    assertNotReferenced(state, version);
    const records = permanent
      ? permanentDeleteRecords(version)
      : [{ key: recordKeys.softDelete(subject, version.version, version.claim), value: recordValues.softDelete() }];
    return { result: version.version, records };
  });
}
