import { readFile, stat } from 'node:fs/promises';

/**
 * The URLs a `crawl add` argument names: a file of URLs, one a line (blank lines and lines
 * starting with # skipped), or else the argument itself as one URL.
 */
export async function seedUrls(argument: string): Promise<string[]> {
  const isFile = await stat(argument).then((s) => s.isFile(), () => false);
  if (!isFile) return [argument];
  return (await readFile(argument, 'utf8'))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
