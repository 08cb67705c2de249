import type { SchemaReference } from './registry-records.ts';
import { registryErrors } from './registry-errors.ts';
import type { RegistryState } from './registry-state.ts';

/**
 * The texts of the schemas that `references` bring in, transitively, dependencies first, so that
 * parsing them in order defines every named type before it is used. A reference must name an
 * existing subject version (soft-deleted versions still resolve, as in Confluent); otherwise the
 * schema is invalid (42201).
 */
export function referencedSchemas(state: RegistryState, references: readonly SchemaReference[]): string[] {
  const texts: string[] = [];
  const seen = new Set<string>();
  const visit = (refs: readonly SchemaReference[]): void => {
    for (const ref of refs) {
      const key = JSON.stringify([ref.subject, ref.version]);
      if (seen.has(key)) continue;
      seen.add(key);
      const version = state.versions(ref.subject).find((v) => v.version === ref.version);
      const stored = version === undefined ? undefined : state.schemaById(version.id);
      if (stored === undefined) {
        throw registryErrors.invalidSchema(
          `Invalid schema: reference '${ref.name}' to subject '${ref.subject}' version ${ref.version} does not exist`,
        );
      }
      visit(stored.references);
      texts.push(stored.schema);
    }
  };
  visit(references);
  return texts;
}
