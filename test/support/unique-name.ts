import { randomBytes } from 'node:crypto';

/** Topic, group and table names unique per test run, so tests never see each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
