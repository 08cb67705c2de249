import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_FIELDS } from '../../../schemas/record-keys.ts';
import { readSchemaJson, schemaFileNames } from '../../../schemas/schema-files.ts';

// Walks the schemas as written (JSON), since avsc's parsed types forget some attributes.
type Json = Record<string, unknown>;

interface FieldVisit {
  readonly file: string;
  readonly path: string;
  readonly field: Json;
  readonly record: Json;
}

interface Walk {
  readonly fields: FieldVisit[];
  readonly named: { file: string; fullName: string; json: Json }[];
}

function walk(file: string, type: unknown, path: string, namespace: string, into: Walk): void {
  if (Array.isArray(type)) {
    for (const branch of type) walk(file, branch, path, namespace, into);
    return;
  }
  if (typeof type !== 'object' || type === null) return;
  const json = type as Json;
  if (json.type === 'array') walk(file, json.items, `${path}[]`, namespace, into);
  if (json.type === 'map') walk(file, json.values, `${path}{}`, namespace, into);
  if (json.type !== 'record' && json.type !== 'enum') return;
  const ns = typeof json.namespace === 'string' ? json.namespace : namespace;
  into.named.push({ file, fullName: `${ns}.${String(json.name)}`, json });
  if (json.type === 'enum') return;
  for (const field of json.fields as Json[]) {
    const fieldPath = `${path}.${String(field.name)}`;
    into.fields.push({ file, path: fieldPath, field, record: json });
    walk(file, field.type, fieldPath, ns, into);
  }
}

const all: Walk = { fields: [], named: [] };
for (const file of schemaFileNames()) walk(file, readSchemaJson(file), file, '', all);

/** The branches of a field's type, unions flattened, logical types kept. */
function branches(type: unknown): unknown[] {
  return Array.isArray(type) ? type : [type];
}
function baseName(type: unknown): unknown {
  return typeof type === 'object' && type !== null ? (type as Json).type : type;
}
const nonNull = (type: unknown): unknown[] => branches(type).filter((t) => t !== 'null');

// Ratings are averages of stars, not money: the only fields allowed a binary float.
const FLOAT_FIELDS = new Set(['rating', 'ratings']);
const MONEY_WORDS = /price|amount|revenue|cost|tax|fee/;

describe('schema conventions', () => {
  it('walks every schema file and finds fields', () => {
    assert.ok(all.fields.length > 100, `only ${all.fields.length} fields found`);
  });

  it('documents every record, enum and field', () => {
    const missing = [
      ...all.named.filter((n) => typeof n.json.doc !== 'string' || n.json.doc.trim() === '').map((n) => `${n.file}: ${n.fullName}`),
      ...all.fields.filter((f) => typeof f.field.doc !== 'string' || f.field.doc.trim() === '').map((f) => f.path),
    ];
    assert.deepEqual(missing, []);
  });

  it('never stores money in float or double', () => {
    const floats = all.fields.filter((f) => branches(f.field.type).some((t) => ['float', 'double'].includes(String(baseName(t)))));
    assert.deepEqual(floats.filter((f) => !FLOAT_FIELDS.has(String(f.field.name))).map((f) => f.path), []);
  });

  it('names every money field *_minor, as a long next to a currency field', () => {
    const problems: string[] = [];
    for (const { path, field, record } of all.fields) {
      const name = String(field.name);
      if (MONEY_WORDS.test(name) && !name.endsWith('_minor')) problems.push(`${path}: money-like name without _minor`);
      if (!name.endsWith('_minor')) continue;
      if (!nonNull(field.type).every((t) => t === 'long')) problems.push(`${path}: not a long`);
      if (!(record.fields as Json[]).some((f) => f.name === 'currency')) problems.push(`${path}: record has no currency field`);
    }
    assert.deepEqual(problems, []);
  });

  it('gives times timestamp-millis on long and dates date on int', () => {
    const problems: string[] = [];
    for (const { path, field } of all.fields) {
      const name = String(field.name);
      const [type] = nonNull(field.type);
      const logical = typeof type === 'object' && type !== null ? (type as Json) : {};
      const isTime = /_at$|_timestamp$|^window_(start|end)$/.test(name);
      const isDate = /_date$/.test(name);
      if (isTime && !(logical.type === 'long' && logical.logicalType === 'timestamp-millis')) problems.push(`${path}: not timestamp-millis`);
      if (isDate && !(logical.type === 'int' && logical.logicalType === 'date')) problems.push(`${path}: not date`);
      if (logical.logicalType === 'timestamp-millis' && !isTime) problems.push(`${path}: timestamp not named *_at`);
    }
    assert.deepEqual(problems, []);
  });

  it('gives every enum an UNKNOWN default so readers survive new symbols', () => {
    const enums = all.named.filter((n) => n.json.type === 'enum');
    assert.ok(enums.length >= 5);
    for (const { fullName, json } of enums) {
      assert.equal(json.default, 'UNKNOWN', `${fullName} has no UNKNOWN default`);
      assert.ok((json.symbols as string[]).includes('UNKNOWN'), `${fullName} lacks the UNKNOWN symbol`);
    }
  });

  it('writes optional fields as ["null", T] with a null default', () => {
    const problems: string[] = [];
    for (const { path, field } of all.fields) {
      if (!Array.isArray(field.type)) continue;
      if (field.type.length !== 2 || field.type[0] !== 'null') problems.push(`${path}: union is not ["null", T]`);
      if (field.default !== null) problems.push(`${path}: optional without "default": null`);
    }
    assert.deepEqual(problems, []);
  });

  it('defines a named type shared by several files identically everywhere', () => {
    // Map.groupBy needs Node 21; the project runs on Node 20.
    const byName = new Map<string, Walk['named']>();
    for (const n of all.named) byName.set(n.fullName, [...(byName.get(n.fullName) ?? []), n]);
    const shared = [...byName.values()].filter((defs) => defs.length > 1);
    assert.ok(shared.some((defs) => defs[0]?.fullName === 'com.shelfstream.raw.Marketplace'));
    for (const defs of shared) {
      const [first, ...rest] = defs.map((d) => ({ ...d.json, namespace: undefined }));
      for (const other of rest) assert.deepEqual(other, first, `${defs[0]?.fullName} differs between ${defs.map((d) => d.file).join(', ')}`);
    }
  });

  it('keys entity topics by a required string field of the value', () => {
    for (const [file, key] of Object.entries(KEY_FIELDS)) {
      const field = all.fields.find((f) => f.file === file && f.path === `${file}.${key}`);
      assert.equal(field?.field.type, 'string', `${file}.${key} is not a required string`);
    }
  });
});
