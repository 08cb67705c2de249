import { registryErrors } from './registry-errors.ts';

/** A version as a path names it: a number, or the latest one (`latest` or `-1`). */
export type VersionId = number | 'latest';

const MAX_VERSION = 2 ** 31 - 1;

export function parseVersionId(raw: string): VersionId {
  if (raw === 'latest' || raw === '-1') return 'latest';
  const version = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) throw registryErrors.invalidVersion(raw);
  return version;
}
