import type avro from 'avsc';
import { parseAvroSchema } from './avro-schema-parser.ts';
import type { SchemaReference } from './registry-records.ts';
import type { RegistryState } from './registry-state.ts';
import { schemaFingerprint } from './schema-fingerprint.ts';
import type { SchemaInput } from './schema-input.ts';
import { referencedSchemas } from './schema-references.ts';

/** A schema from a request, parsed against the registry's current state (its references resolved). */
export interface CandidateSchema {
  readonly type: avro.Type;
  readonly canonical: string;
  readonly references: readonly SchemaReference[];
  readonly fingerprint: string;
}

export function candidateSchema(state: RegistryState, input: SchemaInput, normalize: boolean): CandidateSchema {
  const { type, canonical } = parseAvroSchema(input.schema, referencedSchemas(state, input.references), normalize);
  return { type, canonical, references: input.references, fingerprint: schemaFingerprint('AVRO', canonical, input.references) };
}
