import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { avroToTypeScript } from '../../../schemas/codegen/avro-to-typescript.ts';
import { renderTypeFiles } from '../../../schemas/codegen/render-type-files.ts';
import { repoPath } from '../../support/repo-path.ts';

describe('generated TypeScript types', () => {
  const expected = renderTypeFiles();

  it('are committed exactly as schemas/generate-types.ts writes them (run it after a schema change)', () => {
    for (const [file, text] of expected) {
      assert.equal(readFileSync(repoPath(file), 'utf8'), text, `${file} is stale: run npx tsx schemas/generate-types.ts`);
    }
  });

  it('leave no module behind for a deleted schema', () => {
    const onDisk = readdirSync(repoPath('schemas/types')).map((f) => `schemas/types/${f}`).sort();
    assert.deepEqual(onDisk, [...expected.keys()].sort());
  });
});

describe('avroToTypeScript', () => {
  const render = (fields: unknown[]): string =>
    avroToTypeScript({ type: 'record', name: 'T', namespace: 'x', doc: 'A test record', fields } as never, 'test.avsc');

  it('maps records to interfaces, enums to string unions and keeps docs', () => {
    const text = render([
      { name: 'id', type: 'string', doc: 'The id */ here' },
      { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['UNKNOWN', 'A'], default: 'UNKNOWN' } },
      { name: 'child', type: { type: 'record', name: 'Child', fields: [{ name: 'n', type: 'int' }] } },
      { name: 'again', type: 'Child' },
    ]);
    assert.match(text, /^\/\/ Generated from test\.avsc/);
    assert.match(text, /\/\*\* A test record \*\/\nexport interface T \{\n {2}\/\*\* The id \*\\\/ here \*\/\n {2}id: string;\n {2}kind: Kind;\n {2}child: Child;\n {2}again: Child;\n\}/);
    assert.match(text, /export type Kind = 'UNKNOWN' \| 'A';/);
    assert.equal(text.match(/export interface Child \{\n {2}n: number;\n\}/g)?.length, 1);
  });

  it('maps nullable unions, arrays, maps, bytes and logical types', () => {
    const text = render([
      { name: 'a', type: ['null', 'string'], default: null },
      { name: 'b', type: { type: 'array', items: ['null', 'long'] } },
      { name: 'c', type: { type: 'map', values: 'double' } },
      { name: 'd', type: 'bytes' },
      { name: 'e', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'f', type: { type: 'int', logicalType: 'date' } },
      { name: 'g', type: 'boolean' },
    ]);
    for (const line of ['a: string | null;', 'b: (number | null)[];', 'c: Record<string, number>;', 'd: Buffer;', 'e: number;', 'f: number;', 'g: boolean;']) {
      assert.ok(text.includes(`  ${line}`), `missing ${line} in\n${text}`);
    }
  });

  it('refuses unions that avsc would decode wrapped', () => {
    assert.throws(() => render([{ name: 'u', type: ['null', 'string', 'int'], default: null }]), /only \["null", T\] unions/);
  });

  it('refuses a top-level type that is not a record', () => {
    assert.throws(() => avroToTypeScript('string', 'x.avsc'), /top-level type must be a record/);
  });
});
