import type avro from 'avsc';
import { parseAvroSchema } from './avro-schema-parser.ts';
import type { RegistryState, StoredSchema } from './registry-state.ts';
import { referencedSchemas } from './schema-references.ts';

/** Compiled avsc types of stored schemas: a transitive check would otherwise parse every version every time. */
export class SchemaTypeCache {
  readonly #types = new Map<string, avro.Type>();

  typeOf(state: RegistryState, stored: StoredSchema): avro.Type {
    let type = this.#types.get(stored.fingerprint);
    if (type === undefined) {
      type = parseAvroSchema(stored.schema, referencedSchemas(state, stored.references), false).type;
      this.#types.set(stored.fingerprint, type);
    }
    return type;
  }
}
