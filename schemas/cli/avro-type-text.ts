/** Avro schema JSON as written: a name, a union (array) or a type object. */
export type AvroJson = string | AvroJson[] | { readonly [key: string]: unknown };
export type AvroObject = { readonly [key: string]: unknown };

/** Named types (records, enums, fixed) of one schema by full name, so references can be followed. */
export type NamedTypes = ReadonlyMap<string, AvroObject>;

const isObject = (json: unknown): json is AvroObject => typeof json === 'object' && json !== null && !Array.isArray(json);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const shown = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

/** The full name of a named type, with the namespace it inherits from its enclosing type. */
export function fullName(type: AvroObject, namespace: string | undefined): string {
  const name = str(type.name) ?? '';
  if (name.includes('.')) return name;
  const ns = str(type.namespace) ?? namespace;
  return ns === undefined || ns === '' ? name : `${ns}.${name}`;
}

const namespaceOf = (full: string): string | undefined => (full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined);

/** Walks a schema and indexes every named type it defines. */
export function namedTypes(schema: AvroJson): NamedTypes {
  const found = new Map<string, AvroObject>();
  const visit = (json: unknown, namespace: string | undefined): void => {
    if (Array.isArray(json)) {
      for (const branch of json) visit(branch, namespace);
      return;
    }
    if (!isObject(json)) return;
    const type = json.type;
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const full = fullName(json, namespace);
      found.set(full, json);
      const inner = namespaceOf(full);
      if (Array.isArray(json.fields)) for (const field of json.fields) if (isObject(field)) visit(field.type, inner);
      return;
    }
    if (type === 'array') visit(json.items, namespace);
    else if (type === 'map') visit(json.values, namespace);
    else if (isObject(type) || Array.isArray(type)) visit(type, namespace);
  };
  visit(schema, undefined);
  return found;
}

/** Follows a by-name reference to its definition; anything else is returned as is. */
export function resolve(json: unknown, named: NamedTypes, namespace: string | undefined): unknown {
  if (typeof json !== 'string') return json;
  return named.get(json) ?? named.get(namespace === undefined ? json : `${namespace}.${json}`) ?? json;
}

const shortName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** A compact, readable type: `null | string`, `array<BestSellerRank>`, `long (timestamp-millis)`. */
export function typeText(json: unknown): string {
  if (typeof json === 'string') return shortName(json);
  if (Array.isArray(json)) return json.map(typeText).join(' | ');
  if (!isObject(json)) return JSON.stringify(json);
  const type = json.type;
  switch (type) {
    case 'record':
    case 'error':
      return `record ${shortName(str(json.name) ?? '')}`;
    case 'enum':
      return `enum ${shortName(str(json.name) ?? '')}`;
    case 'fixed':
      return `fixed ${shortName(str(json.name) ?? '')}(${shown(json.size)})`;
    case 'array':
      return `array<${typeText(json.items)}>`;
    case 'map':
      return `map<${typeText(json.values)}>`;
    default: {
      const base = typeText(type);
      const logical = str(json.logicalType);
      if (logical === undefined) return base;
      const digits = logical === 'decimal' ? `(${shown(json.precision)},${shown(json.scale ?? 0)})` : '';
      return `${base} (${logical}${digits})`;
    }
  }
}

export { isObject };
