import { IncompatibleSchemasError, SchemaRegistryError, type SchemaIncompatibility } from '../../errors/index.ts';
import type { SchemaRegistryClient } from '../serde/schema-registry-client.ts';
import { checkSubjects } from './check-subjects.ts';
import { readableConflict } from './compatibility-messages.ts';
import type { RegistryAdmin } from './registry-admin.ts';
import type { LocalSubject } from './subject-manifest.ts';

export interface Registration {
  readonly local: LocalSubject;
  readonly status: 'registered' | 'unchanged';
  readonly version: number;
  readonly id: number;
}

/**
 * Registers every local schema under its subject. All are checked first and none is registered
 * when one is incompatible, so a failed run leaves no half-registered set behind. A 409 can still
 * come after the check (a transitive level, a concurrent change): the registry's message is
 * reported with the file and subject, after the registrations that did happen are reported.
 */
export async function registerSubjects(
  client: SchemaRegistryClient,
  admin: RegistryAdmin,
  subjects: readonly LocalSubject[],
  report: (registration: Registration) => void,
): Promise<Registration[]> {
  const checks = await checkSubjects(client, admin, subjects);
  const refused: SchemaIncompatibility[] = checks.flatMap(({ local, standing }) =>
    standing.status === 'incompatible' ? [{ subject: local.subject, file: local.source, messages: standing.messages }] : [],
  );
  if (refused.length > 0) throw new IncompatibleSchemasError('schemas register: nothing registered', refused);

  const done: Registration[] = [];
  const rejected: SchemaIncompatibility[] = [];
  for (const { local, standing } of checks) {
    let registration: Registration;
    if (standing.status === 'registered') {
      registration = { local, status: 'unchanged', version: standing.version, id: standing.id };
    } else {
      try {
        await client.register(local.subject, local.schema.text);
      } catch (error) {
        if (error instanceof SchemaRegistryError && error.status === 409) {
          rejected.push({ subject: local.subject, file: local.source, messages: [readableConflict(error.message)] });
          continue;
        }
        throw error;
      }
      // The register answer carries only the id; the lookup names the version too.
      const found = await client.lookup(local.subject, local.schema.text);
      if (found === undefined) throw new SchemaRegistryError(500, undefined, `${local.subject} does not hold the schema just registered`);
      registration = { local, status: 'registered', version: found.version, id: found.id };
    }
    done.push(registration);
    report(registration);
  }
  if (rejected.length > 0) throw new IncompatibleSchemasError(`schemas register: ${done.length} subjects done, these refused`, rejected);
  return done;
}
