import { readFileSync } from 'node:fs';
import avro from 'avsc';

const AVRO_DIR = new URL('./avro/', import.meta.url);

/** Parses `schemas/avro/<name>.avsc` into a compiled avsc type (compile once, reuse on the hot path). */
export function loadAvroSchema(name: string): avro.Type {
  const text = readFileSync(new URL(`${name}.avsc`, AVRO_DIR), 'utf8');
  return avro.Type.forSchema(JSON.parse(text) as avro.Schema);
}
