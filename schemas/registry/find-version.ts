import { registryErrors } from './registry-errors.ts';
import type { RegistryState, SchemaVersion } from './registry-state.ts';
import type { VersionId } from './version-id.ts';

/**
 * A subject's version as Confluent finds it: 40401 when the subject has no version (that the
 * caller may see: soft-deleted ones only with `includeDeleted`), 40402 when this one is missing.
 */
export function findVersion(state: RegistryState, subject: string, id: VersionId, includeDeleted: boolean): SchemaVersion {
  const visible = state.versions(subject).filter((v) => includeDeleted || !v.deleted);
  const found = id === 'latest' ? visible.at(-1) : visible.find((v) => v.version === id);
  if (found !== undefined) return found;
  if (visible.length === 0 || id === 'latest') throw registryErrors.subjectNotFound(subject);
  throw registryErrors.versionNotFound(id);
}
