import { isObject, namedTypes, resolve, typeText, type AvroJson, type AvroObject, type NamedTypes } from '../../schemas/cli/avro-type-text.ts';
import type { SchemaField } from '../web/src/api-types.ts';

const namespaceOf = (full: string): string | undefined => (full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined);

/**
 * The fields of an Avro schema as table rows, nested records flattened into paths the way
 * `avro-schema-diff` names them (`ranks[].category`), so a diff's path finds its row.
 */
export function schemaFields(schema: AvroJson): SchemaField[] {
  const rows: SchemaField[] = [];
  const named = namedTypes(schema);
  walk(schema, named, undefined, '', rows, new Set());
  return rows;
}

function walk(json: unknown, named: NamedTypes, namespace: string | undefined, prefix: string, rows: SchemaField[], seen: Set<string>): void {
  const type = resolve(json, named, namespace);
  if (Array.isArray(type)) {
    for (const branch of type) if (branch !== 'null') walk(branch, named, namespace, prefix, rows, seen);
    return;
  }
  if (!isObject(type)) return;
  if (type.type === 'array' || type.type === 'map') {
    walk(type.type === 'array' ? type.items : type.values, named, namespace, `${prefix}${type.type === 'array' ? '[]' : '{}'}`, rows, seen);
    return;
  }
  if (type.type !== 'record' && type.type !== 'error') return;
  const name = typeof type.name === 'string' ? type.name : '';
  const full = name.includes('.') || typeof type.namespace !== 'string' ? name : `${type.namespace}.${name}`;
  // A recursive record is listed once, where it first appears.
  if (seen.has(full)) return;
  seen.add(full);
  const inner = namespaceOf(full) ?? namespace;
  const fields = Array.isArray(type.fields) ? type.fields.filter(isObject) : [];
  for (const field of fields) {
    const path = `${prefix === '' ? '' : `${prefix}.`}${String(field.name)}`;
    rows.push(row(path, field));
    walk(field.type, named, inner, path, rows, seen);
  }
}

function row(path: string, field: AvroObject): SchemaField {
  return {
    path,
    type: typeText(field.type),
    ...('default' in field ? { default: JSON.stringify(field.default) } : {}),
    ...(typeof field.doc === 'string' ? { doc: field.doc } : {}),
  };
}
