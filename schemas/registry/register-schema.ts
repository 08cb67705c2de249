import { randomUUID } from 'node:crypto';
import { candidateSchema } from './candidate-schema.ts';
import { checkCompatibility } from './check-compatibility.ts';
import { assertSchemasWritable, compatibilityLevelOf, type RegistryContext } from './registry-context.ts';
import { registryErrors } from './registry-errors.ts';
import { recordKeys, recordValues } from './registry-records.ts';
import type { RegistryState } from './registry-state.ts';
import type { SchemaInput } from './schema-input.ts';

/**
 * POST /subjects/{subject}/versions. The schema already live under the subject: its id, nothing
 * written. Otherwise, after the compatibility check (skipped in IMPORT mode), a new version: with
 * the id the same schema has anywhere in the registry, soft-deleted versions included, or a new
 * id. The claim is valid only at the log end it was planned on, so concurrent registries never
 * give one id two schemas nor one schema two ids.
 */
export function registerSchema(context: RegistryContext, subject: string, input: SchemaInput, normalize: boolean): Promise<number> {
  return context.store.write((state, position) => {
    const mode = assertSchemasWritable(context, state, subject);
    if ((input.id !== undefined || input.version !== undefined) && mode !== 'IMPORT') {
      throw registryErrors.operationNotPermitted(`Subject ${subject} is not in import mode`);
    }
    const candidate = candidateSchema(state, input, normalize);
    const versions = state.versions(subject);
    const existingId = state.idOf(candidate.fingerprint);
    const registered = versions.find((v) => !v.deleted && v.id === existingId);
    if (registered !== undefined) {
      if (input.id !== undefined && input.id !== registered.id) throw registryErrors.idDoesNotMatch(registered.id, input.id);
      return { result: registered.id, records: [] };
    }
    if (mode !== 'IMPORT') {
      const messages = checkCompatibility(context, state, compatibilityLevelOf(state, subject), candidate, versions);
      if (messages.length > 0) throw registryErrors.incompatibleSchema(subject, messages);
    }
    const id = chooseId(state, existingId, input.id);
    const version = input.version ?? Math.max(0, ...versions.map((v) => v.version)) + 1;
    if (versions.some((v) => v.version === version)) {
      throw registryErrors.operationNotPermitted(`Overwrite new schema with version ${version} is not permitted.`);
    }
    const claim = randomUUID();
    const value = recordValues.claim({
      subject,
      version,
      id,
      schemaType: 'AVRO',
      references: candidate.references,
      schema: candidate.canonical,
      expectedOffset: position,
    });
    return { result: id, claim, records: [{ key: recordKeys.schema(subject, version, claim), value }] };
  });
}

function chooseId(state: RegistryState, existingId: number | undefined, requestedId: number | undefined): number {
  if (existingId !== undefined) {
    if (requestedId !== undefined && requestedId !== existingId) throw registryErrors.idDoesNotMatch(existingId, requestedId);
    return existingId;
  }
  if (requestedId === undefined) return state.nextId();
  if (state.schemaById(requestedId) !== undefined) {
    throw registryErrors.operationNotPermitted(`Overwrite new schema with id ${requestedId} is not permitted.`);
  }
  return requestedId;
}
