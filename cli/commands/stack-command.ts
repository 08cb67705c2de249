import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Argument, Command } from 'commander';
import { configFrom } from '../global-options.ts';

const LAUNCHER = fileURLToPath(new URL('../../docker/local-stack', import.meta.url));

export function stackCommand(): Command {
  return new Command('stack')
    .description('manage the native local stack (docker/local-stack): Kafka, MinIO, ClickHouse, Iceberg REST catalog')
    .addArgument(new Argument('<action>', 'what to do').choices(['install', 'up', 'down', 'status', 'logs', 'env']))
    .argument('[services...]', 'limit to these services (kafka, minio, clickhouse, iceberg-rest)')
    .action((action: string, services: string[], _options: unknown, command: Command) => {
      const env = { ...process.env, SHELFSTREAM_STACK_DIR: configFrom(command).stackDir };
      const result = spawnSync('bash', [LAUNCHER, action, ...services], { stdio: 'inherit', env });
      process.exitCode = result.status ?? 1;
    });
}
