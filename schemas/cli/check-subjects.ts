import type { SchemaRegistryClient } from '../serde/schema-registry-client.ts';
import { readableMessages } from './compatibility-messages.ts';
import type { RegistryAdmin } from './registry-admin.ts';
import type { LocalSubject } from './subject-manifest.ts';

/** Where one local schema stands in the registry. */
export type SubjectStanding =
  | { readonly status: 'registered'; readonly version: number; readonly id: number }
  | { readonly status: 'compatible' | 'new' }
  | { readonly status: 'incompatible'; readonly messages: readonly string[] };

export interface SubjectCheck {
  readonly local: LocalSubject;
  readonly standing: SubjectStanding;
}

/**
 * Asks the registry about every local schema without changing anything: already registered under
 * its subject (lookup), or compatible with the subject's latest version at the subject's level.
 */
export async function checkSubjects(
  client: SchemaRegistryClient,
  admin: RegistryAdmin,
  subjects: readonly LocalSubject[],
): Promise<SubjectCheck[]> {
  const checks: SubjectCheck[] = [];
  for (const local of subjects) {
    const found = await client.lookup(local.subject, local.schema.text);
    if (found !== undefined) {
      checks.push({ local, standing: { status: 'registered', version: found.version, id: found.id } });
      continue;
    }
    const verdict = await admin.testCompatibility(local.subject, local.schema.text);
    const standing: SubjectStanding = verdict.newSubject
      ? { status: 'new' }
      : verdict.compatible
        ? { status: 'compatible' }
        : { status: 'incompatible', messages: verdict.messages.length > 0 ? readableMessages(verdict.messages) : ['(the registry gave no reason)'] };
    checks.push({ local, standing });
  }
  return checks;
}
