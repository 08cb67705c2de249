import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers, lowest first: a folder may import only from folders below it (ARCHITECTURE.md draws it).
// streams/ and sources/ are peers: neither imports the other.
const LAYERS = [['errors'], ['config'], ['infra'], ['schemas'], ['streams', 'sources'], ['sinks'], ['runtime'], ['topology'], ['cli', 'bench', 'console']];

const zones = LAYERS.flatMap((layer, level) => {
  const above = LAYERS.slice(level + 1).flat();
  return layer.map((folder) => ({
    target: `./${folder}`,
    from: [...above, ...layer.filter((peer) => peer !== folder)].map((f) => `./${f}`),
    message: `${folder}/ sits below these folders in the layer order of ARCHITECTURE.md`,
  }));
});
// The runtime knows sinks by their contract only, never a concrete sink.
zones.push({ target: './runtime', from: './sinks', except: ['./sink.ts'], message: 'the runtime depends on the sink contract (sinks/sink.ts), never on a concrete sink' });

export default tseslint.config(
  { ignores: ['node_modules/', '.stack/', 'docker/**/*.js', 'console/web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones }] },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
