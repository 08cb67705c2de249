import { createHash } from 'node:crypto';
import type { SchemaReference } from './registry-records.ts';

/**
 * The identity of a schema for id assignment: its type, canonical text and references, as
 * Confluent compares them. The same fingerprint under any subject gets the same id.
 */
export function schemaFingerprint(schemaType: string, schema: string, references: readonly SchemaReference[]): string {
  const refs = references.map((r) => [r.name, r.subject, r.version]);
  return createHash('sha256').update(JSON.stringify([schemaType, schema, refs])).digest('hex');
}
