import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { compatibilityMessages, type PreviousVersion } from '../../../../schemas/registry/avro-compatibility.ts';
import { readerIncompatibilities } from '../../../../schemas/registry/avro-resolution.ts';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../../../../schemas/registry/compatibility-level.ts';

type Field = { name: string; type: unknown; default?: unknown };
const record = (...fields: Field[]) => ({ type: 'record', name: 'Order', namespace: 'shop', fields });
const id: Field = { name: 'id', type: 'string' };
const qty: Field = { name: 'qty', type: 'int' };

function history(...schemas: object[]): PreviousVersion[] {
  return schemas.map((s, i) => ({ version: i + 1, schema: JSON.stringify(s), type: avro.Type.forSchema(s as avro.Schema) }));
}

function verdicts(candidate: object, previous: PreviousVersion[]): Record<CompatibilityLevel, boolean> {
  const type = avro.Type.forSchema(candidate as avro.Schema);
  return Object.fromEntries(
    COMPATIBILITY_LEVELS.map((level) => [level, compatibilityMessages(level, type, previous).length === 0]),
  ) as Record<CompatibilityLevel, boolean>;
}

const all = (backward: boolean, forward: boolean, transitive?: { backward: boolean; forward: boolean }) => ({
  NONE: true,
  BACKWARD: backward,
  FORWARD: forward,
  FULL: backward && forward,
  BACKWARD_TRANSITIVE: transitive?.backward ?? backward,
  FORWARD_TRANSITIVE: transitive?.forward ?? forward,
  FULL_TRANSITIVE: (transitive?.backward ?? backward) && (transitive?.forward ?? forward),
});

describe('Avro compatibility, all seven levels', () => {
  const v1 = record(id, qty);

  const cases: [string, object, object[], Record<CompatibilityLevel, boolean>][] = [
    ['adding a field with a default', record(id, qty, { name: 'note', type: 'string', default: '' }), [v1], all(true, true)],
    ['adding a field without a default', record(id, qty, { name: 'note', type: 'string' }), [v1], all(false, true)],
    ['removing a field without a default', record(id), [v1], all(true, false)],
    [
      'removing a field that had a default',
      record(id),
      [record(id, { name: 'qty', type: 'int', default: 1 })],
      all(true, true),
    ],
    ['widening int to long', record(id, { name: 'qty', type: 'long' }), [v1], all(true, false)],
    ['narrowing long to int', v1, [record(id, { name: 'qty', type: 'long' })], all(false, true)],
    ['changing string to int', record({ name: 'id', type: 'int' }, qty), [v1], all(false, false)],
    ['making a field optional (union with null)', record(id, { name: 'qty', type: ['null', 'int'], default: null }), [v1], all(true, false)],
    ['renaming the record', { ...v1, name: 'Purchase' }, [v1], all(false, false)],
    ['renaming the record with an alias to the old name', { ...v1, name: 'Purchase', aliases: ['shop.Order'] }, [v1], all(true, false)],
    [
      'a field without default that the latest version has but the first lacks',
      record(id, qty, { name: 'note', type: 'string' }),
      [v1, record(id, qty, { name: 'note', type: 'string', default: '' })],
      all(true, true, { backward: false, forward: true }),
    ],
    [
      'removing a field whose default only the latest version has',
      record(id),
      [v1, record(id, { name: 'qty', type: 'int', default: 0 })],
      all(true, true, { backward: true, forward: false }),
    ],
  ];

  for (const [name, candidate, previous, expected] of cases) {
    it(name, () => {
      assert.deepEqual(verdicts(candidate, history(...previous)), expected);
    });
  }

  it('enums: a new symbol breaks old readers unless they have a default', () => {
    const colors = (symbols: string[], extra: object = {}) => ({ type: 'enum', name: 'Color', symbols, ...extra });
    assert.deepEqual(verdicts(colors(['RED', 'BLUE']), history(colors(['RED']))), all(true, false));
    assert.deepEqual(verdicts(colors(['RED', 'BLUE'], { default: 'RED' }), history(colors(['RED'], { default: 'RED' }))), all(true, true));
  });

  it('checks nothing at all without previous versions', () => {
    assert.deepEqual(verdicts({ type: 'string' }, []), all(true, true));
  });
});

describe("Confluent's incompatibility messages", () => {
  it('names the field, its path, the old version and the level', () => {
    const previous = history(record(id));
    const candidate = avro.Type.forSchema(record(id, qty) as avro.Schema);
    assert.deepEqual(compatibilityMessages('BACKWARD', candidate, previous), [
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'qty' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'qty'}",
      '{oldSchemaVersion: 1}',
      `{oldSchema: '${JSON.stringify(record(id))}'}`,
      "{validateFields: 'false', compatibility: 'BACKWARD'}",
    ]);
  });

  it('reports against the newest incompatible version for transitive levels', () => {
    const previous = history(record(id), record(id, { name: 'qty', type: 'int', default: 0 }), record(id, { name: 'qty', type: 'int', default: 0 }));
    const candidate = avro.Type.forSchema(record(id, qty) as avro.Schema);
    assert.deepEqual(compatibilityMessages('BACKWARD', candidate, previous), []);
    assert.ok(compatibilityMessages('BACKWARD_TRANSITIVE', candidate, previous).includes('{oldSchemaVersion: 1}'));
  });

  it('locates every kind of incompatibility the way Avro Java does', () => {
    const kinds = (reader: object, writer: object) =>
      readerIncompatibilities(avro.Type.forSchema(reader as avro.Schema), avro.Type.forSchema(writer as avro.Schema)).map(
        (i) => `${i.type} ${i.location} ${i.message}`,
      );
    assert.deepEqual(kinds(record({ name: 'id', type: 'int' }), record(id)), [
      'TYPE_MISMATCH /fields/0/type reader type: INT not compatible with writer type: STRING',
    ]);
    assert.deepEqual(kinds({ type: 'enum', name: 'E', symbols: ['A'] }, { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] }), [
      'MISSING_ENUM_SYMBOLS /symbols [B, C]',
    ]);
    assert.deepEqual(kinds({ type: 'fixed', name: 'F', size: 4 }, { type: 'fixed', name: 'F', size: 8 }), [
      'FIXED_SIZE_MISMATCH /size expected: 8, found: 4',
    ]);
    assert.deepEqual(kinds(['null', 'int'], ['null', 'int', 'string']), ['MISSING_UNION_BRANCH /2 reader union lacking writer type: STRING']);
    assert.deepEqual(kinds({ type: 'array', items: 'int' }, { type: 'array', items: 'string' }), [
      'TYPE_MISMATCH /items reader type: INT not compatible with writer type: STRING',
    ]);
    assert.deepEqual(kinds({ ...record(id), name: 'Other' }, record(id)), ['NAME_MISMATCH /name expected: shop.Order']);
  });

  it('terminates on recursive schemas', () => {
    const list = (valueType: string) => ({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: valueType },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    });
    const problems = readerIncompatibilities(avro.Type.forSchema(list('int') as avro.Schema), avro.Type.forSchema(list('string') as avro.Schema));
    assert.deepEqual(problems.map((p) => p.location), ['/fields/0/type']);
  });
});
