/** One version of a subject, as the registry stores it. */
export interface RegisteredSchema {
  readonly subject: string;
  readonly version: number;
  /** Global id: the same schema text has the same id under every subject. */
  readonly id: number;
  readonly schema: string;
}

/**
 * The part of Confluent's Schema Registry API that serdes need, for Avro schemas without
 * references. Errors are `SchemaRegistryError` with Confluent's codes (40401 subject not found,
 * 40403 schema not found, 409 incompatible, 42201 invalid schema).
 */
export interface SchemaRegistryClient {
  /** Registers the schema under the subject, or finds it there; resolves to its global id. */
  register(subject: string, schema: string): Promise<number>;
  /** The schema text of a global id; rejects with 40403 when the id is unknown. */
  getById(id: number): Promise<string>;
  /** The newest version of a subject; rejects with 40401 when the subject does not exist. */
  getLatest(subject: string): Promise<RegisteredSchema>;
  /** The version of the subject that holds this schema, or undefined when none does. */
  lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined>;
}
