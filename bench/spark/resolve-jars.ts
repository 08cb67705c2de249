import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POM = fileURLToPath(new URL('pom.xml', import.meta.url));
const VENV_SETUP = fileURLToPath(new URL('../../test/interop/setup-venv.sh', import.meta.url));

/**
 * The Kafka and Avro jars the Spark peer adds to PySpark, copied by Maven (bench/spark/pom.xml) into
 * `<cacheDir>/spark-peer/libs` unless they were copied there for the same pom. Maven works offline
 * when its local repository has them, and resolves from Maven Central the first time.
 */
export async function resolveSparkJars(cacheDir: string): Promise<string[]> {
  const build = join(cacheDir, 'spark-peer');
  const libs = join(build, 'libs');
  const stampFile = join(build, 'pom.sha256');
  const stamp = createHash('sha256').update(await readFile(POM)).digest('hex');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) !== stamp) {
    await rm(libs, { recursive: true, force: true });
    const args = ['-B', '-q', '-f', POM, 'package', `-Dpeer.build.dir=${build}`];
    await run('mvn', ['-o', ...args]).catch(() => run('mvn', args, { maxBuffer: 16 * 1024 * 1024 }));
    await writeFile(stampFile, stamp);
  }
  return (await readdir(libs)).filter((f) => f.endsWith('.jar')).map((f) => join(libs, f));
}

/** The python of the pinned PySpark venv (test/interop/pyspark.txt), built on first use by the interop tests' helper. */
export async function pysparkPython(): Promise<string> {
  const { stdout } = await run('bash', [VENV_SETUP, 'pyspark'], { timeout: 600_000 });
  return stdout.trim();
}
