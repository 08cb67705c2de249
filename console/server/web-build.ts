import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The front end's Vite project, and where its build lands (git-ignored). */
export const WEB_PROJECT = fileURLToPath(new URL('../web/', import.meta.url));
export const WEB_CONFIG = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

/** Builds the front end with Vite when no build is there: a fresh checkout serves without a build step. */
export async function ensureWebBuild(): Promise<void> {
  try {
    await access(`${WEB_DIST}index.html`);
    return;
  } catch {
    // No build yet: make one.
  }
  const { build } = await import('vite');
  await build({ configFile: WEB_CONFIG, logLevel: 'warn' });
}
