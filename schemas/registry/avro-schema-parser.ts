import avro from 'avsc';
import { canonicalSchema } from './canonical-schema.ts';
import { registryErrors } from './registry-errors.ts';

export interface ParsedAvroSchema {
  /** Compiled with the referenced named types, for compatibility checks. */
  readonly type: avro.Type;
  /** What is stored and compared (see canonical-schema.ts). */
  readonly canonical: string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses an Avro schema given as text, with the named types of its references available
 * (`referenced` holds their texts, dependencies first). Anything avsc rejects is 42201.
 */
export function parseAvroSchema(text: string, referenced: readonly string[], normalize: boolean): ParsedAvroSchema {
  const invalid = (detail: string) => registryErrors.invalidSchema(`Invalid schema ${text}, details: ${detail}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(messageOf(error));
  }
  const registry: Record<string, avro.Type> = {};
  try {
    for (const reference of referenced) avro.Type.forSchema(JSON.parse(reference) as avro.Schema, { registry });
  } catch (error) {
    throw invalid(`a referenced schema does not parse: ${messageOf(error)}`);
  }
  try {
    return { type: avro.Type.forSchema(json as avro.Schema, { registry }), canonical: canonicalSchema(json, normalize) };
  } catch (error) {
    throw invalid(messageOf(error));
  }
}
