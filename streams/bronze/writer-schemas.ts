import avro from 'avsc';
import { SchemaMismatchError, SchemaRegistryError, ShelfstreamError, WireFormatError } from '../../errors/index.ts';
import type { AvroRecordSchema } from '../../infra/iceberg/avro-to-iceberg-schema.ts';
import type { SchemaRegistryClient } from '../../schemas/serde/schema-registry-client.ts';

/** The schema a record was written with, as the registry holds it under the record's Confluent id. */
export interface WriterSchema {
  readonly id: number;
  /** The schema's JSON, for the table's columns. */
  readonly json: AvroRecordSchema;
  /** Compiled, to decode bodies as they were written. */
  readonly type: avro.Type;
}

/**
 * Writer schemas by id, fetched from the registry once per process and shared by the bronze rows
 * step (which decodes with them) and the bronze sink (which grows the table's columns to them).
 * An id the registry does not know, or a schema that does not compile, resolves to the error that
 * every record written with it is marked with; an error that may pass (registry down) rejects and
 * is asked again next time.
 */
export class WriterSchemas {
  readonly #registry: SchemaRegistryClient;
  readonly #byId = new Map<number, Promise<WriterSchema | ShelfstreamError>>();

  constructor(registry: SchemaRegistryClient) {
    this.#registry = registry;
  }

  get(id: number): Promise<WriterSchema | ShelfstreamError> {
    let schema = this.#byId.get(id);
    if (schema === undefined) {
      schema = this.#fetch(id);
      this.#byId.set(id, schema);
      schema.catch(() => {
        if (this.#byId.get(id) === schema) this.#byId.delete(id);
      });
    }
    return schema;
  }

  async #fetch(id: number): Promise<WriterSchema | ShelfstreamError> {
    let text: string;
    try {
      text = await this.#registry.getById(id);
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.isNotFound) return new WireFormatError('UNKNOWN_SCHEMA_ID', `schema id ${id} is not in the registry`, { schemaId: id, cause: error });
      throw error;
    }
    try {
      const json = JSON.parse(text) as AvroRecordSchema;
      return { id, json, type: avro.Type.forSchema(json as avro.Schema) };
    } catch (cause) {
      return new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `schema id ${id} does not compile: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
}
