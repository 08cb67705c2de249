import { SchemaMismatchError } from '../../errors/index.ts';
import type { IcebergPrimitive, IcebergSchema, IcebergType, NestedField } from './iceberg-types.ts';

/**
 * An Iceberg table schema from an Avro record schema (the parsed `.avsc` JSON), with fresh field
 * ids: a struct's own fields are numbered first, then what nests in them, as Iceberg's
 * `assignFreshIds` does, so top-level columns get 1..n.
 *
 * | Avro                                   | Iceberg                         | row value (as avsc decodes it) |
 * |----------------------------------------|---------------------------------|--------------------------------|
 * | boolean                                | boolean                         | boolean                        |
 * | int                                    | int                             | number                         |
 * | long                                   | long                            | number or bigint               |
 * | float / double                         | float / double                  | number                         |
 * | string (also with logicalType uuid)    | string                          | string                         |
 * | bytes / fixed(n)                       | binary / fixed[n]               | Buffer                         |
 * | int date                               | date                            | days since the epoch           |
 * | long timestamp-millis / -micros        | timestamptz (stored in µs)      | epoch milliseconds             |
 * | int time-millis / long time-micros     | time (stored in µs)             | milliseconds of the day        |
 * | bytes or fixed with logicalType decimal| decimal(p,s)                    | Buffer: unscaled, big-endian   |
 * | enum                                   | string (the symbol)             | string                         |
 * | ["null", T] (either order)             | optional T                      | T or null                      |
 * | array                                  | list (element optional if null-union) | array                    |
 * | map                                    | map<string, T>                  | object of key to value         |
 * | record                                 | struct                          | object                         |
 * Any other union has no Iceberg type and is refused.
 */
export function icebergSchemaFromAvro(avro: AvroRecordSchema): IcebergSchema {
  const ids = { next: 1 };
  const named = new Map<string, AvroSchema>();
  return { type: 'struct', 'schema-id': 0, fields: structFields(avro, ids, named, avro.namespace) };
}

export type AvroSchema = string | readonly AvroSchema[] | { readonly type: string; readonly [key: string]: unknown };

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly fields: readonly { readonly name: string; readonly type: AvroSchema; readonly doc?: string }[];
}

interface IdCounter {
  next: number;
}

function structFields(record: AvroRecordSchema, ids: IdCounter, named: Map<string, AvroSchema>, namespace: string | undefined): NestedField[] {
  remember(record as unknown as { readonly [key: string]: unknown }, named, namespace);
  const own = record.fields.map((field) => ({ field, id: ids.next++ }));
  return own.map(({ field, id }) => {
    const { schema, optional } = unwrapNullable(field.type);
    return {
      id,
      name: field.name,
      type: icebergType(schema, ids, named, record.namespace ?? namespace),
      required: !optional,
      ...(field.doc === undefined ? {} : { doc: field.doc }),
    };
  });
}

function icebergType(schema: AvroSchema, ids: IdCounter, named: Map<string, AvroSchema>, namespace: string | undefined): IcebergType {
  if (typeof schema === 'string') return primitiveOrNamed(schema, ids, named, namespace);
  if (Array.isArray(schema)) throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `Avro union ${JSON.stringify(schema)} has no Iceberg type: only ["null", T] maps (to an optional column)`);
  const complex = schema as { readonly type: string; readonly [key: string]: unknown };
  const logical = complex.logicalType;
  if (logical === 'decimal') return `decimal(${Number(complex.precision)},${Number(complex.scale ?? 0)})`;
  if (logical === 'date') return 'date';
  if (logical === 'timestamp-millis' || logical === 'timestamp-micros') return 'timestamptz';
  if (logical === 'time-millis' || logical === 'time-micros') return 'time';
  switch (complex.type) {
    case 'record':
      return { type: 'struct', fields: structFields(complex as unknown as AvroRecordSchema, ids, named, namespace) };
    case 'enum':
      remember(complex, named, namespace);
      return 'string';
    case 'fixed':
      remember(complex, named, namespace);
      return `fixed[${Number(complex.size)}]`;
    case 'array': {
      const { schema: items, optional } = unwrapNullable(complex.items as AvroSchema);
      const elementId = ids.next++;
      return { type: 'list', 'element-id': elementId, element: icebergType(items, ids, named, namespace), 'element-required': !optional };
    }
    case 'map': {
      const { schema: values, optional } = unwrapNullable(complex.values as AvroSchema);
      const keyId = ids.next++;
      const valueId = ids.next++;
      return { type: 'map', 'key-id': keyId, key: 'string', 'value-id': valueId, value: icebergType(values, ids, named, namespace), 'value-required': !optional };
    }
    default:
      return primitiveOrNamed(complex.type, ids, named, namespace);
  }
}

/** Avro's primitive types and the Iceberg types they map to. */
export const primitives: Readonly<Record<string, IcebergPrimitive>> = {
  boolean: 'boolean',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  string: 'string',
  bytes: 'binary',
};

function primitiveOrNamed(name: string, ids: IdCounter, named: Map<string, AvroSchema>, namespace: string | undefined): IcebergType {
  const primitive = primitives[name];
  if (primitive !== undefined) return primitive;
  const reference = named.get(name) ?? named.get(`${namespace}.${name}`);
  if (reference === undefined) throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `Avro type ${name} is neither primitive nor defined before its use`);
  return icebergType(reference, ids, named, namespace);
}

function remember(schema: { readonly [key: string]: unknown }, named: Map<string, AvroSchema>, namespace: string | undefined): void {
  const name = String(schema.name);
  const space = (schema.namespace as string | undefined) ?? namespace;
  named.set(name, schema as AvroSchema);
  if (space !== undefined && !name.includes('.')) named.set(`${space}.${name}`, schema as AvroSchema);
}

function unwrapNullable(schema: AvroSchema): { schema: AvroSchema; optional: boolean } {
  if (!Array.isArray(schema)) return { schema, optional: false };
  const branches = schema as readonly AvroSchema[];
  const others = branches.filter((branch) => branch !== 'null');
  const [only] = others;
  if (only !== undefined && others.length === 1 && branches.length === 2) return { schema: only, optional: true };
  return { schema, optional: false };
}
