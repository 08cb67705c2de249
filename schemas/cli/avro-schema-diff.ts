import { fullName, isObject, namedTypes, resolve, typeText, type AvroJson, type AvroObject, type NamedTypes } from './avro-type-text.ts';

/**
 * One difference between two versions of a schema, at a field path such as `price_minor` or
 * `best_seller_ranks[].category` (`[]` array items, `{}` map values); `(record)` for the record.
 */
export interface SchemaChange {
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** What changed: field, type, default, doc, symbols, name, order, aliases. */
  readonly aspect: string;
  readonly before?: string;
  readonly after?: string;
}

interface Side {
  readonly named: NamedTypes;
  readonly namespace: string | undefined;
}

/** A record or enum found inside a field's type, and the path suffix that leads into it. */
interface Nested {
  readonly kind: 'record' | 'enum';
  readonly type: AvroObject;
  readonly namespace: string | undefined;
  readonly suffix: string;
}

const shown = (value: unknown): string => JSON.stringify(value);
const fieldsOf = (record: AvroObject): AvroObject[] => (Array.isArray(record.fields) ? record.fields.filter(isObject) : []);
const nameOf = (field: AvroObject): string => (typeof field.name === 'string' ? field.name : '');
const namespaceOf = (full: string): string | undefined => (full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined);

/**
 * Field-level differences between two Avro schemas: fields added, removed and changed (type,
 * default, doc, order, aliases), enum symbols, records nested in fields, unions, arrays and maps.
 * Hand-written: no maintained npm package diffs Avro schemas; avsc compares types, not docs.
 */
export function diffAvroSchemas(before: AvroJson, after: AvroJson): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const left: Side = { named: namedTypes(before), namespace: undefined };
  const right: Side = { named: namedTypes(after), namespace: undefined };
  const a = nested(before, left, '');
  const b = nested(after, right, '');
  // Records and enums are compared member by member below; other schemas (a key's "string") as a whole.
  if ((a === undefined || b === undefined || a.kind !== b.kind || a.suffix !== b.suffix) && typeText(before) !== typeText(after)) {
    changes.push({ path: '(schema)', change: 'changed', aspect: 'type', before: typeText(before), after: typeText(after) });
  }
  compareTypes(before, after, left, right, '', changes, new Set());
  return changes;
}

function compareTypes(before: unknown, after: unknown, left: Side, right: Side, path: string, out: SchemaChange[], seen: Set<string>): void {
  const a = nested(before, left, '');
  const b = nested(after, right, '');
  if (a === undefined || b === undefined || a.kind !== b.kind || a.suffix !== b.suffix) return;
  const where = `${path}${a.suffix}`;
  const recordPath = where === '' ? '(record)' : where;
  const aName = fullName(a.type, a.namespace);
  const bName = fullName(b.type, b.namespace);
  // Recursive types: each pair of named types is compared once.
  const key = `${aName}\u0000${bName}\u0000${where}`;
  if (seen.has(key)) return;
  seen.add(key);
  if (aName !== bName) out.push({ path: recordPath, change: 'changed', aspect: 'name', before: aName, after: bName });
  if (a.type.doc !== b.type.doc) out.push(changed(recordPath, 'doc', a.type.doc, b.type.doc));
  if (a.kind === 'enum') {
    compareEnums(a.type, b.type, recordPath, out);
    return;
  }
  const inner = (side: Side, full: string): Side => ({ named: side.named, namespace: namespaceOf(full) });
  compareFields(a.type, b.type, inner(left, aName), inner(right, bName), where === '' ? '' : `${where}.`, out, seen);
}

function compareFields(a: AvroObject, b: AvroObject, left: Side, right: Side, prefix: string, out: SchemaChange[], seen: Set<string>): void {
  const afterFields = fieldsOf(b);
  const matched = new Set<AvroObject>();
  for (const field of fieldsOf(a)) {
    const name = nameOf(field);
    // A renamed field keeps its old name among its aliases, which is how readers still find it.
    const twin =
      afterFields.find((f) => nameOf(f) === name) ??
      afterFields.find((f) => Array.isArray(f.aliases) && f.aliases.includes(name) && !fieldsOf(a).some((g) => nameOf(g) === nameOf(f)));
    if (twin === undefined) {
      out.push({ path: `${prefix}${name}`, change: 'removed', aspect: 'field', before: describeField(field) });
      continue;
    }
    matched.add(twin);
    const path = `${prefix}${nameOf(twin)}`;
    if (nameOf(twin) !== name) out.push({ path, change: 'changed', aspect: 'name', before: name, after: nameOf(twin) });
    const typeBefore = typeText(field.type);
    const typeAfter = typeText(twin.type);
    if (typeBefore !== typeAfter) out.push({ path, change: 'changed', aspect: 'type', before: typeBefore, after: typeAfter });
    if ('default' in field !== 'default' in twin || shown(field.default) !== shown(twin.default)) {
      out.push({ path, change: 'changed', aspect: 'default', before: defaultText(field), after: defaultText(twin) });
    }
    if (field.doc !== twin.doc) out.push(changed(path, 'doc', field.doc, twin.doc));
    if ((field.order ?? 'ascending') !== (twin.order ?? 'ascending')) out.push(changed(path, 'order', field.order, twin.order));
    if (shown(field.aliases ?? []) !== shown(twin.aliases ?? [])) out.push(changed(path, 'aliases', field.aliases, twin.aliases));
    compareTypes(field.type, twin.type, left, right, path, out, seen);
  }
  for (const field of afterFields) {
    if (!matched.has(field)) out.push({ path: `${prefix}${nameOf(field)}`, change: 'added', aspect: 'field', after: describeField(field) });
  }
}

function compareEnums(a: AvroObject, b: AvroObject, path: string, out: SchemaChange[]): void {
  const symbols = (e: AvroObject): string[] => (Array.isArray(e.symbols) ? e.symbols.filter((s): s is string => typeof s === 'string') : []);
  const before = symbols(a);
  const after = symbols(b);
  const added = after.filter((s) => !before.includes(s));
  const removed = before.filter((s) => !after.includes(s));
  if (added.length > 0) out.push({ path, change: 'added', aspect: 'symbols', after: added.join(', ') });
  if (removed.length > 0) out.push({ path, change: 'removed', aspect: 'symbols', before: removed.join(', ') });
  if (a.default !== b.default) out.push(changed(path, 'default', a.default, b.default));
}

/** The one record or enum a type leads to: through a nullable union, arrays and maps. */
function nested(json: unknown, side: Side, suffix: string): Nested | undefined {
  const type = resolve(json, side.named, side.namespace);
  if (Array.isArray(type)) {
    const branches = type.filter((t) => t !== 'null');
    return branches.length === 1 ? nested(branches[0], side, suffix) : undefined;
  }
  if (!isObject(type)) return undefined;
  if (type.type === 'record' || type.type === 'error') return { kind: 'record', type, namespace: side.namespace, suffix };
  if (type.type === 'enum') return { kind: 'enum', type, namespace: side.namespace, suffix };
  if (type.type === 'array') return nested(type.items, side, `${suffix}[]`);
  if (type.type === 'map') return nested(type.values, side, `${suffix}{}`);
  return isObject(type.type) || Array.isArray(type.type) ? nested(type.type, side, suffix) : undefined;
}

function describeField(field: AvroObject): string {
  const parts = [typeText(field.type)];
  if ('default' in field) parts.push(`default ${shown(field.default)}`);
  if (typeof field.doc === 'string') parts.push(`doc ${shown(field.doc)}`);
  return parts.join(', ');
}

const defaultText = (field: AvroObject): string => ('default' in field ? shown(field.default) : '(none)');

function changed(path: string, aspect: string, before: unknown, after: unknown): SchemaChange {
  return {
    path,
    change: 'changed',
    aspect,
    before: before === undefined ? '(none)' : shown(before),
    after: after === undefined ? '(none)' : shown(after),
  };
}
