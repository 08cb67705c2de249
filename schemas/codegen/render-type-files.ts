import avro from 'avsc';
import { readSchemaJson, schemaFileNames } from '../schema-files.ts';
import { avroToTypeScript } from './avro-to-typescript.ts';

/** Index of the generated modules, mapping each schema file name to its root interface. */
export const SCHEMA_VALUES_FILE = 'schemas/types/schema-values.ts';

/**
 * Every generated file, by path from the repository root: one module per `schemas/avro/*.avsc`
 * plus `schema-values.ts`. Pure (reads, never writes) so a test can compare it with the disk.
 */
export function renderTypeFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const roots: { file: string; root: string }[] = [];
  for (const file of schemaFileNames()) {
    const json = readSchemaJson(file);
    files.set(`schemas/types/${file}.ts`, avroToTypeScript(json, `schemas/avro/${file}.avsc`));
    const root = (avro.Type.forSchema(json).name ?? '').split('.').pop() ?? '';
    roots.push({ file, root });
  }
  files.set(SCHEMA_VALUES_FILE, renderSchemaValues(roots));
  return files;
}

function renderSchemaValues(roots: readonly { file: string; root: string }[]): string {
  return [
    '// Generated from schemas/avro/*.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.\n',
    ...roots.map(({ file, root }) => `import type { ${root} } from './${file}.ts';`),
    '',
    '/** The TypeScript type of the records of each schema file, by file name (`schemas/avro/<name>.avsc`). */',
    'export interface SchemaValues {',
    ...roots.map(({ file, root }) => `  '${file}': ${root};`),
    '}',
    '',
    '/** The name of a schema file in `schemas/avro/`, without `.avsc`. */',
    'export type SchemaName = keyof SchemaValues;',
    '',
  ].join('\n');
}
