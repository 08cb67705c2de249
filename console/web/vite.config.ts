import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The console's front end: Preact components in TypeScript, built to dist/ for the console server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
