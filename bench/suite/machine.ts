import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, hostname, loadavg, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';
import { loadRdkafka } from '../../infra/kafka/rdkafka/load-rdkafka.ts';
import type { BenchResult } from './result-file.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const KAFKA_POM = new URL('../../docker/kafka/pom.xml', import.meta.url);

export const loadAverage = (): number[] => loadavg().map((a) => Number(a.toFixed(2)));

/** The machine the run is on; the load average at its end is filled in when it ends. */
export function describeMachine(): BenchResult['machine'] {
  return {
    host: hostname(),
    os: `${type()} ${release()}`,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    loadAverageAtStart: loadAverage(),
    loadAverageAtEnd: [],
  };
}

/** Whether a command is on PATH and answers. */
export async function hasCommand(command: string): Promise<boolean> {
  return run('bash', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

/** The installed version of a package, from its own package.json. */
const packageVersion = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;

/** Node, the broker and its tools (the local stack's pinned Kafka), both clients and, when present, Java; the peers' come from their runs. */
export async function describeVersions(): Promise<BenchResult['versions']> {
  const kafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(await readFile(KAFKA_POM, 'utf8'))?.[1] ?? 'unknown';
  // `java -version` writes to stderr: `openjdk version "17.0.13" 2024-10-15`.
  const java = (await hasCommand('java')) ? /version "([^"]+)"/.exec((await run('java', ['-version'])).stderr)?.[1] : undefined;
  return {
    node: process.version,
    kafka,
    kafkajs: packageVersion('kafkajs'),
    nodeRdkafka: packageVersion('node-rdkafka'),
    librdkafka: loadRdkafka().librdkafkaVersion,
    ...(java === undefined ? {} : { java }),
  };
}
