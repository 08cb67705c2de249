import { readdirSync, readFileSync } from 'node:fs';
import type avro from 'avsc';
import { parseAvroSchema, type AvroSchema } from './avro-schema.ts';
import type { SchemaName, SchemaValues } from './types/schema-values.ts';

const AVRO_DIR = new URL('./avro/', import.meta.url);
const cache = new Map<string, AvroSchema<unknown>>();

/** Names of the files in `schemas/avro/` without `.avsc`, sorted: one record schema each. */
export function schemaFileNames(): string[] {
  return readdirSync(AVRO_DIR)
    .filter((f) => f.endsWith('.avsc'))
    .map((f) => f.slice(0, -'.avsc'.length))
    .sort();
}

function readSchemaText(name: string): string {
  return readFileSync(new URL(`${name}.avsc`, AVRO_DIR), 'utf8');
}

/** The JSON of `schemas/avro/<name>.avsc`, as written (avsc validates it when compiling). */
export function readSchemaJson(name: string): avro.Schema {
  return JSON.parse(readSchemaText(name)) as avro.Schema;
}

type ValueOf<N extends string> = N extends SchemaName ? SchemaValues[N] : unknown;

/** `schemas/avro/<name>.avsc` parsed and compiled once per process, typed by its generated interface. */
export function readSchemaFile<N extends string>(name: N): AvroSchema<ValueOf<N>> {
  let schema = cache.get(name);
  if (schema === undefined) {
    schema = parseAvroSchema(readSchemaText(name));
    cache.set(name, schema);
  }
  // The generated interface is checked against the file by test/unit/schemas/generate-types.test.ts.
  return schema as AvroSchema<ValueOf<N>>;
}
