import type { SchemaReference } from '../registry-records.ts';
import type { SchemaVersion, StoredSchema } from '../registry-state.ts';

/** Confluent leaves out `schemaType` for AVRO and `references` when there are none. */
function typeAndReferences(stored: StoredSchema): { schemaType?: string; references?: readonly SchemaReference[] } {
  return {
    ...(stored.schemaType === 'AVRO' ? {} : { schemaType: stored.schemaType }),
    ...(stored.references.length === 0 ? {} : { references: stored.references }),
  };
}

/** GET /subjects/{subject}/versions/{version} and POST /subjects/{subject}. */
export function versionBody(version: SchemaVersion, stored: StoredSchema): Record<string, unknown> {
  return { subject: version.subject, version: version.version, id: version.id, ...typeAndReferences(stored), schema: stored.schema };
}

/** GET /schemas/ids/{id}. */
export function schemaBody(stored: StoredSchema): Record<string, unknown> {
  return { ...typeAndReferences(stored), schema: stored.schema };
}
