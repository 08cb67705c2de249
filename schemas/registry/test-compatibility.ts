import { candidateSchema } from './candidate-schema.ts';
import { checkCompatibility } from './check-compatibility.ts';
import { findVersion } from './find-version.ts';
import { compatibilityLevelOf, type RegistryContext } from './registry-context.ts';
import type { SchemaInput } from './schema-input.ts';
import type { VersionId } from './version-id.ts';

/**
 * POST /compatibility/subjects/{subject}/versions[/{version}]: the subject's level applied
 * against one version, or (no version) exactly as registering would check. `latest` of a
 * subject without versions is compatible: there is nothing to break.
 */
export function testCompatibility(
  context: RegistryContext,
  subject: string,
  version: VersionId | undefined,
  input: SchemaInput,
  normalize: boolean,
): Promise<string[]> {
  return context.store.read((state) => {
    const candidate = candidateSchema(state, input, normalize);
    const level = compatibilityLevelOf(state, subject);
    const live = state.versions(subject).filter((v) => !v.deleted);
    if (version === undefined) return checkCompatibility(context, state, level, candidate, live);
    if (version === 'latest' && live.length === 0) return [];
    return checkCompatibility(context, state, level, candidate, [findVersion(state, subject, version, false)]);
  });
}
