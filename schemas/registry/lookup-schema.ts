import { candidateSchema, type CandidateSchema } from './candidate-schema.ts';
import { canonicalSchema } from './canonical-schema.ts';
import type { RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import type { SchemaVersion, StoredSchema } from './registry-state.ts';
import type { SchemaInput } from './schema-input.ts';

export interface FoundSchema {
  readonly version: SchemaVersion;
  readonly stored: StoredSchema;
}

/**
 * POST /subjects/{subject}: the newest version of the subject holding this schema. With
 * `normalize`, a version also matches when both normalize to the same text (it may have been
 * registered without normalizing). 40401 when the subject has no version, 40403 otherwise.
 */
export function lookupSchema(
  context: RegistryContext,
  subject: string,
  input: SchemaInput,
  normalize: boolean,
  includeDeleted: boolean,
): Promise<FoundSchema> {
  return context.store.read((state) => {
    const candidate = candidateSchema(state, input, normalize);
    const visible = state.versions(subject).filter((v) => includeDeleted || !v.deleted);
    const match = visible.findLast((v) => matches(state.schemaOf(v), candidate, normalize));
    if (match !== undefined) return { version: match, stored: state.schemaOf(match) };
    if (visible.length === 0) throw registryErrors.subjectNotFound(subject);
    throw registryErrors.schemaNotFound();
  });
}

function matches(stored: StoredSchema, candidate: CandidateSchema, normalize: boolean): boolean {
  if (stored.fingerprint === candidate.fingerprint) return true;
  return (
    normalize &&
    JSON.stringify(stored.references) === JSON.stringify(candidate.references) &&
    canonicalSchema(JSON.parse(stored.schema), true) === candidate.canonical
  );
}

