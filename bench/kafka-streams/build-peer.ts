import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROJECT = fileURLToPath(new URL('.', import.meta.url));
const POM = join(PROJECT, 'pom.xml');
const SOURCES = join(PROJECT, 'src');

/** pom.xml and every source file, so editing either rebuilds the jar. */
async function sourceStamp(): Promise<string> {
  const hash = createHash('sha256').update(await readFile(POM));
  const files = (await readdir(SOURCES, { recursive: true, withFileTypes: true })).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name)).sort();
  for (const file of files) hash.update(file).update(await readFile(file));
  return hash.digest('hex');
}

/**
 * Builds the Kafka Streams peer into `<cacheDir>/kafka-streams-peer` unless the build there was made
 * from the same sources; returns its classpath (the jar and its dependencies). Maven works offline
 * when its local repository has everything, and resolves from Maven Central the first time.
 */
export async function buildKafkaStreamsPeer(cacheDir: string): Promise<string> {
  const build = join(cacheDir, 'kafka-streams-peer');
  const jar = join(build, 'kafka-streams-peer-1.jar');
  const stampFile = join(build, 'sources.sha256');
  const stamp = await sourceStamp();
  const built = existsSync(jar) && (await readFile(stampFile, 'utf8').catch(() => '')) === stamp;
  if (!built) {
    const args = ['-B', '-q', '-f', POM, 'package', `-Dpeer.build.dir=${build}`];
    await run('mvn', ['-o', ...args]).catch(() => run('mvn', args, { maxBuffer: 16 * 1024 * 1024 }));
    await writeFile(stampFile, stamp);
  }
  return `${jar}:${join(build, 'libs', '*')}`;
}
