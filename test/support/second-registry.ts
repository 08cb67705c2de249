import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, copyFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';
import { repoPath } from './repo-path.ts';
import type { RegistryDeviations, RegistryUnderTest } from './schemas-cli-suite.ts';

const run = promisify(execFile);
const POM = repoPath('test/support/apicurio-registry/pom.xml');
const RUNNER_JAR = 'target/apicurio-registry-2.4.2.Final-runner.jar';
const STARTUP_MS = 120_000;
const STOP_MS = 15_000;
const OUTPUT_TAIL_CHARS = 8_000;

export const SECOND_REGISTRY_LABEL = 'Apicurio Registry 2.4.2.Final (ccompat v7)';

/** Where Apicurio's Confluent API answers otherwise than Confluent documents, each seen against this version. */
export const SECOND_REGISTRY_DEVIATIONS: RegistryDeviations = {
  unknownSubjectVersionErrorCode: {
    answer: 40402,
    reason:
      'GET /subjects/{subject}/versions/{version} of an unknown subject answers "No version found" (40402), ' +
      'where Confluent documents 40401 "Subject not found"; its GET /subjects/{subject}/versions does answer 40401',
  },
};

function cacheDir(): string {
  return process.env.SHELFSTREAM_CACHE_DIR ?? path.join(homedir(), '.cache', 'shelfstream');
}

/**
 * Builds the registry once per version of the pom: Maven fetches Apicurio's artifacts from Maven
 * Central and Quarkus' build makes them a runnable jar. Built aside and renamed, so an interrupted
 * build is never taken for a finished one.
 */
async function runnerJar(): Promise<string> {
  const pom = readFileSync(POM);
  const dir = path.join(cacheDir(), `apicurio-registry-${createHash('sha256').update(pom).digest('hex').slice(0, 12)}`);
  const jar = path.join(dir, RUNNER_JAR);
  if (existsSync(jar)) return jar;
  const building = `${dir}.build-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  copyFileSync(POM, path.join(building, 'pom.xml'));
  try {
    await run('mvn', ['-B', '-q', 'package', '-DskipTests'], { cwd: building, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`building Apicurio Registry in ${building} failed:\n${(stdout + stderr).slice(-OUTPUT_TAIL_CHARS)}`, { cause: error });
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return jar;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => { resolve(); });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * A second, independent Confluent-compatible registry for this test run: Apicurio Registry, empty,
 * on a free loopback port, its Confluent API at /apis/ccompat/v7.
 */
export async function startSecondRegistry(): Promise<RegistryUnderTest> {
  const jar = await runnerJar();
  const port = await freePort();
  const child = spawn(
    'java',
    [
      '-Xmx512m',
      '-Dquarkus.http.host=127.0.0.1',
      `-Dquarkus.http.port=${String(port)}`,
      // Confluent's documented default level; Apicurio's own default is no compatibility rule at all.
      '-Dregistry.rules.global.compatibility=BACKWARD',
      '-jar',
      jar,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
    await exited(child);
    clearTimeout(killer);
  };

  const url = `http://127.0.0.1:${String(port)}/apis/ccompat/v7`;
  const deadline = Date.now() + STARTUP_MS;
  while (!(await answers(`${url}/subjects`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Apicurio Registry did not answer on ${url} (exit ${String(child.exitCode)}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, close: stop };
}
