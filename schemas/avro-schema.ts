import avro from 'avsc';

declare const valueTag: unique symbol;

/**
 * One Avro schema, parsed: the text to register and the compiled type, tagged with the TypeScript
 * type of its values so serdes can return typed records. The text is the source JSON, compacted:
 * avsc's own export would drop enum defaults, which readers need to map unknown symbols.
 */
export interface AvroSchema<T> {
  /** Full name, such as com.shelfstream.raw.SalesOrder (the type name for primitives). */
  readonly name: string;
  readonly text: string;
  readonly type: avro.Type;
  readonly [valueTag]?: T;
}

/** Parses and compiles schema JSON text; compiling is the expensive part, so keep the result. */
export function parseAvroSchema(text: string): AvroSchema<unknown> {
  const json: unknown = JSON.parse(text);
  const type = avro.Type.forSchema(json as avro.Schema);
  return { name: type.name ?? type.typeName, text: JSON.stringify(json), type };
}
