/**
 * The text a registry stores for an Avro schema, and compares to find "the same schema".
 *
 * Canonical form follows Avro Java's `Schema.toString()`, which Confluent stores and returns:
 * compact JSON, attributes in Avro's order (type, name, namespace, doc, fields/symbols/items/
 * values/size, default, then other properties, then aliases), a primitive without properties
 * written as its bare name, `"order":"ascending"` left out. Whitespace and attribute order of
 * the input therefore do not make a new schema; docs, defaults and properties do.
 *
 * Normalized form (`normalize=true`) goes further, so that equivalent spellings meet: every name
 * is fully qualified (no `namespace` attribute, type references qualified too) and custom
 * properties are sorted. Hand-written because no JavaScript Avro library emits Java's order.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED_TYPES = new Set(['record', 'error', 'enum', 'fixed']);
const SCHEMA_ORDER = ['type', 'name', 'namespace', 'doc', 'fields', 'symbols', 'items', 'values', 'size', 'default'];
const FIELD_ORDER = ['name', 'type', 'doc', 'default', 'order'];

export function canonicalSchema(schema: unknown, normalize: boolean): string {
  return JSON.stringify(canonical(schema as Json, undefined, normalize));
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || namespace === undefined || namespace === '' ? name : `${namespace}.${name}`;
}

/** A type name as written: primitives stay, named references are qualified when normalizing. */
function typeName(name: string, namespace: string | undefined, normalize: boolean): string {
  return normalize && !PRIMITIVES.has(name) ? fullName(name, namespace) : name;
}

function canonical(node: Json, namespace: string | undefined, normalize: boolean): Json {
  if (Array.isArray(node)) return node.map((branch) => canonical(branch, namespace, normalize));
  if (typeof node === 'string') return typeName(node, namespace, normalize);
  if (!isObject(node)) return node;
  const type = node.type;
  if (typeof type !== 'string') return node;
  if (!NAMED_TYPES.has(type) && type !== 'array' && type !== 'map') {
    // A primitive or a reference to a named type, possibly carrying properties (logicalType...).
    const name = typeName(type, namespace, normalize);
    return Object.keys(node).length === 1 ? name : ordered({ ...node, type: name }, SCHEMA_ORDER, normalize);
  }
  let inner = namespace;
  const out: JsonObject = { ...node };
  if (NAMED_TYPES.has(type) && typeof node.name === 'string') {
    const ns = typeof node.namespace === 'string' ? node.namespace : namespace;
    const name = fullName(node.name, ns);
    inner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : undefined;
    if (normalize) {
      out.name = name;
      delete out.namespace;
    }
  }
  if (Array.isArray(node.fields)) out.fields = node.fields.map((field) => canonicalField(field, inner, normalize));
  if (node.items !== undefined) out.items = canonical(node.items, inner, normalize);
  if (node.values !== undefined) out.values = canonical(node.values, inner, normalize);
  return ordered(out, SCHEMA_ORDER, normalize);
}

function canonicalField(field: Json, namespace: string | undefined, normalize: boolean): Json {
  if (!isObject(field)) return field;
  const out: JsonObject = { ...field };
  if (field.type !== undefined) out.type = canonical(field.type, namespace, normalize);
  if (out.order === 'ascending') delete out.order;
  return ordered(out, FIELD_ORDER, normalize);
}

/** Known attributes in Avro's order, then the other properties (sorted when normalizing), then aliases. */
function ordered(node: JsonObject, order: readonly string[], normalize: boolean): JsonObject {
  const known = order.filter((key) => node[key] !== undefined);
  const props = Object.keys(node).filter((key) => !order.includes(key) && key !== 'aliases');
  const keys = [...known, ...(normalize ? props.sort() : props), ...(node.aliases === undefined ? [] : ['aliases'])];
  // fromEntries defines own properties, so even a "__proto__" attribute stays plain data.
  return Object.fromEntries(keys.map((key) => [key, node[key] ?? null]));
}
