import { registryErrors } from './registry-errors.ts';
import type { RegistryState, SchemaVersion } from './registry-state.ts';
import type { LogWrite } from './schema-log.ts';

/** A version another schema references cannot be deleted, soft or permanently (42206). */
export function assertNotReferenced(state: RegistryState, version: SchemaVersion): void {
  if (state.referrers(version.subject, version.version).length > 0) {
    throw registryErrors.referenceExists(version.subject, version.version);
  }
}

/** The tombstones that remove a version for good: its soft-delete marker and its claim. */
export function permanentDeleteRecords(version: SchemaVersion): LogWrite[] {
  return [
    ...(version.markerKey === undefined ? [] : [{ key: version.markerKey, value: null }]),
    { key: version.claimKey, value: null },
  ];
}
