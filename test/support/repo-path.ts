import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Absolute path of a file of this repository, whatever the working directory. */
export function repoPath(...parts: string[]): string {
  return path.join(fileURLToPath(new URL('../..', import.meta.url)), ...parts);
}
