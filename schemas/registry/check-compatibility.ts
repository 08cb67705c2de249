import { compatibilityMessages } from './avro-compatibility.ts';
import type { CandidateSchema } from './candidate-schema.ts';
import type { CompatibilityLevel } from './compatibility-level.ts';
import type { RegistryContext } from './registry-context.ts';
import type { RegistryState, SchemaVersion } from './registry-state.ts';

/** Confluent's messages for `candidate` against the given versions (soft-deleted ones never count); [] when compatible. */
export function checkCompatibility(
  context: RegistryContext,
  state: RegistryState,
  level: CompatibilityLevel,
  candidate: CandidateSchema,
  against: readonly SchemaVersion[],
): string[] {
  const previous = against
    .filter((v) => !v.deleted)
    .map((v) => {
      const stored = state.schemaOf(v);
      return { version: v.version, schema: stored.schema, type: context.types.typeOf(state, stored) };
    });
  return compatibilityMessages(level, candidate.type, previous);
}
