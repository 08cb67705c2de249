import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTypeFiles } from './codegen/render-type-files.ts';

// Writes schemas/types/*.ts from schemas/avro/*.avsc. Run `npx tsx schemas/generate-types.ts`
// after changing a schema; test/unit/schemas/generate-types.test.ts fails until you do.
const root = fileURLToPath(new URL('..', import.meta.url));
const typesDir = path.join(root, 'schemas/types');
const files = renderTypeFiles();

mkdirSync(typesDir, { recursive: true });
// The folder holds only generated files: a module whose schema was deleted goes too.
for (const stale of readdirSync(typesDir)) {
  if (!files.has(`schemas/types/${stale}`)) rmSync(path.join(typesDir, stale));
}
for (const [file, text] of files) writeFileSync(path.join(root, file), text);
console.log(`wrote ${files.size} files to schemas/types/`);
