import avro from 'avsc';
import { SchemaRegistryError } from '../../errors/index.ts';
import type { RegisteredSchema, SchemaRegistryClient } from './schema-registry-client.ts';

/**
 * A registry in a Map, for unit tests: global ids, versions per subject, Confluent's error codes.
 * It judges no compatibility (every valid schema is accepted) and knows nothing of deletes.
 */
export class InMemorySchemaRegistry implements SchemaRegistryClient {
  readonly #idsByText = new Map<string, number>();
  readonly #textsById = new Map<number, string>();
  readonly #versions = new Map<string, number[]>();

  register(subject: string, schema: string): Promise<number> {
    return settle(() => {
      const text = compact(schema);
      let id = this.#idsByText.get(text);
      if (id === undefined) {
        id = this.#idsByText.size + 1;
        this.#idsByText.set(text, id);
        this.#textsById.set(id, text);
      }
      const ids = this.#versions.get(subject) ?? [];
      if (!ids.includes(id)) this.#versions.set(subject, [...ids, id]);
      return id;
    });
  }

  getById(id: number): Promise<string> {
    return settle(() => {
      const text = this.#textsById.get(id);
      if (text === undefined) throw new SchemaRegistryError(404, 40403, 'Schema not found');
      return text;
    });
  }

  getLatest(subject: string): Promise<RegisteredSchema> {
    return settle(() => {
      const ids = this.#versions.get(subject) ?? [];
      const id = ids.at(-1);
      if (id === undefined) throw new SchemaRegistryError(404, 40401, `Subject '${subject}' not found.`);
      return this.#version(subject, ids.length, id);
    });
  }

  lookup(subject: string, schema: string): Promise<RegisteredSchema | undefined> {
    return settle(() => {
      const id = this.#idsByText.get(compact(schema));
      const index = id === undefined ? -1 : (this.#versions.get(subject) ?? []).indexOf(id);
      return id === undefined || index < 0 ? undefined : this.#version(subject, index + 1, id);
    });
  }

  #version(subject: string, version: number, id: number): RegisteredSchema {
    return { subject, version, id, schema: this.#textsById.get(id) ?? '' };
  }
}

/** Runs `fn` now, turning a throw into a rejection as a remote registry's answer would be. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(fn());
  });
}

/** Validates with avsc, then drops insignificant whitespace so formatting does not mint new ids. */
function compact(schema: string): string {
  try {
    const json: unknown = JSON.parse(schema);
    avro.Type.forSchema(json as avro.Schema);
    return JSON.stringify(json);
  } catch (cause) {
    throw new SchemaRegistryError(422, 42201, `Invalid schema: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
