import avro from 'avsc';
import { SchemaMismatchError, SchemaRegistryError, ShelfstreamError, WireFormatError, type ErrorLocation } from '../../errors/index.ts';
import type { AvroSchema } from '../avro-schema.ts';
import { asBuffer, confluentSchemaId, encodeConfluent, HEADER_SIZE, MAGIC_BYTE } from './confluent-wire-format.ts';
import type { SchemaRegistryClient } from './schema-registry-client.ts';

export interface AvroSerdeOptions {
  /**
   * Register a schema the subject lacks (Confluent's `auto.register.schemas`, the default), or
   * only look it up, so that producers cannot change a subject that CI registers.
   */
  readonly autoRegister?: boolean;
}

/**
 * Avro records in the Confluent wire format, with the registry consulted once per schema: ids by
 * (schema, subject), compiled writer types by id, resolvers by (writer id, reader type).
 * Hand-written rather than @kafkajs/confluent-schema-registry: that client builds a new resolver
 * for every record, throws untyped errors, and is kept as an independent peer for interop tests.
 */
export class AvroSerde {
  readonly #registry: SchemaRegistryClient;
  readonly #autoRegister: boolean;
  readonly #ids = new WeakMap<AvroSchema<unknown>, Map<string, Promise<number>>>();
  readonly #writers = new Map<number, Promise<avro.Type>>();
  // undefined: writer and reader are the same schema, so no resolution is needed.
  readonly #resolvers = new WeakMap<avro.Type, Map<number, avro.Resolver | undefined>>();

  constructor(registry: SchemaRegistryClient, options: AvroSerdeOptions = {}) {
    this.#registry = registry;
    this.#autoRegister = options.autoRegister ?? true;
  }

  /** Encodes `value` with `schema`, framed with the id the schema has in `subject`. */
  async serialize<T>(subject: string, schema: AvroSchema<T>, value: T): Promise<Buffer> {
    return encodeConfluent(await this.schemaId(subject, schema), schema.type, value);
  }

  /**
   * An encoder for many values of one subject: the registry is consulted once, then each value is
   * encoded synchronously (a batch of thousands would otherwise await the same id thousands of times).
   */
  async serializer<T>(subject: string, schema: AvroSchema<T>): Promise<(value: T) => Buffer> {
    const id = await this.schemaId(subject, schema);
    return (value) => encodeConfluent(id, schema.type, value);
  }

  /**
   * A decoder for a batch: fetches the writer schemas its framed values name (once per id), then
   * decodes synchronously. Values whose framing is broken or whose id is unknown are left for
   * the returned decoder to report, record by record, with their locations.
   */
  async deserializer<T>(framed: readonly (Uint8Array | null)[], reader: AvroSchema<T>): Promise<(bytes: Uint8Array, location?: ErrorLocation) => T> {
    const ids = new Set<number>();
    for (const bytes of framed) {
      if (bytes !== null && bytes.length >= HEADER_SIZE && bytes[0] === MAGIC_BYTE) ids.add(asBuffer(bytes).readInt32BE(1));
    }
    const writers = new Map<number, avro.Type | ShelfstreamError>();
    for (const id of ids) {
      try {
        writers.set(id, await this.#writer(id, {}));
      } catch (error) {
        // An unknown or unreadable writer schema is each record's own failure (a dead letter);
        // anything that may pass (registry down) fails the batch, which is then retried.
        if (error instanceof ShelfstreamError && !error.retriable) writers.set(id, error);
        else throw error;
      }
    }
    return (bytes, location = {}) => {
      const framed = asBuffer(bytes);
      const schemaId = confluentSchemaId(framed, location);
      const writer = writers.get(schemaId);
      if (writer instanceof ShelfstreamError) throw writer;
      if (writer === undefined) throw new WireFormatError('UNKNOWN_SCHEMA_ID', `schema id ${schemaId} was not prepared for this batch`, { location, schemaId });
      return this.#decodeBody(framed, reader, schemaId, writer, location);
    };
  }

  /** Decodes framed bytes written with any registered schema into the reader's shape. */
  async deserialize<T>(bytes: Uint8Array, reader: AvroSchema<T>, location: ErrorLocation = {}): Promise<T> {
    const framed = asBuffer(bytes);
    const schemaId = confluentSchemaId(framed, location);
    const writer = await this.#writer(schemaId, location);
    return this.#decodeBody(framed, reader, schemaId, writer, location);
  }

  /** The body of framed bytes, read in place past the header (no view per record), whole or refused as fromBuffer would. */
  #decodeBody<T>(framed: Buffer, reader: AvroSchema<T>, schemaId: number, writer: avro.Type, location: ErrorLocation): T {
    const resolver = this.#resolver(reader, schemaId, writer, location);
    try {
      const decoded: { value: unknown; offset: number } = reader.type.decode(framed, HEADER_SIZE, resolver);
      if (decoded.offset < 0) throw new Error('truncated buffer');
      if (decoded.offset < framed.length) throw new Error('trailing data');
      return decoded.value as T;
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new WireFormatError('BAD_AVRO_BODY', `body does not decode with writer schema ${schemaId}: ${reason}`, {
        location,
        schemaId,
        cause,
      });
    }
  }

  /** The id of `schema` under `subject`: registered on first use, or looked up without autoRegister. */
  schemaId(subject: string, schema: AvroSchema<unknown>): Promise<number> {
    let bySubject = this.#ids.get(schema);
    if (bySubject === undefined) {
      bySubject = new Map();
      this.#ids.set(schema, bySubject);
    }
    let id = bySubject.get(subject);
    if (id === undefined) {
      id = this.#autoRegister ? this.#registry.register(subject, schema.text) : this.#lookup(subject, schema);
      bySubject.set(subject, id);
      // A failure (registry down) must not stick: the next record asks again.
      id.catch(() => {
        if (bySubject.get(subject) === id) bySubject.delete(subject);
      });
    }
    return id;
  }

  async #lookup(subject: string, schema: AvroSchema<unknown>): Promise<number> {
    const found = await this.#registry.lookup(subject, schema.text);
    if (found === undefined) {
      throw new SchemaRegistryError(404, 40403, `${schema.name} is not registered under subject '${subject}' (autoRegister is off)`);
    }
    return found.id;
  }

  #writer(schemaId: number, location: ErrorLocation): Promise<avro.Type> {
    let writer = this.#writers.get(schemaId);
    if (writer === undefined) {
      writer = this.#fetchWriter(schemaId, location);
      this.#writers.set(schemaId, writer);
      writer.catch(() => {
        if (this.#writers.get(schemaId) === writer) this.#writers.delete(schemaId);
      });
    }
    return writer;
  }

  async #fetchWriter(schemaId: number, location: ErrorLocation): Promise<avro.Type> {
    let text: string;
    try {
      text = await this.#registry.getById(schemaId);
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.isNotFound) {
        throw new WireFormatError('UNKNOWN_SCHEMA_ID', `schema id ${schemaId} is not in the registry`, { location, schemaId, cause: error });
      }
      throw error;
    }
    try {
      return avro.Type.forSchema(JSON.parse(text) as avro.Schema);
    } catch (cause) {
      throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `writer schema ${schemaId} from the registry does not parse`, { location, cause });
    }
  }

  #resolver(reader: AvroSchema<unknown>, writerId: number, writer: avro.Type, location: ErrorLocation): avro.Resolver | undefined {
    let byWriter = this.#resolvers.get(reader.type);
    if (byWriter === undefined) {
      byWriter = new Map();
      this.#resolvers.set(reader.type, byWriter);
    }
    if (byWriter.has(writerId)) return byWriter.get(writerId);
    let resolver: avro.Resolver | undefined;
    try {
      // equals() compares canonical forms: same fields and types, docs and defaults aside.
      resolver = writer.equals(reader.type) ? undefined : reader.type.createResolver(writer);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `writer schema ${writerId} cannot be read as ${reader.name}: ${reason}`, {
        location,
        cause,
      });
    }
    byWriter.set(writerId, resolver);
    return resolver;
  }
}
