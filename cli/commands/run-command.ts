import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { probeStack, type ServiceReport } from '../../infra/stack/probe-stack.ts';
import { startLocalStack } from '../../infra/stack/start-local-stack.ts';
import { configFrom } from '../global-options.ts';
import { revenueLines, runMainJob } from '../main-job.ts';

/** Probes the stack; with SHELFSTREAM_LOCAL_STACK=auto, starts the native stack when a service is down. */
async function ensureStack(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  let reports = await probeStack(config);
  if (reports.every((r) => r.ok)) return reports;
  if (config.localStack === 'off') {
    throw new ServiceUnavailableError('stack', 'SHELFSTREAM_LOCAL_STACK', `services down:\n${describe(reports.filter((r) => !r.ok))}`);
  }
  console.error('some services are down; starting the native local stack (docker/local-stack up)');
  await startLocalStack(config.stackDir);
  reports = await probeStack(config);
  const down = reports.filter((r) => !r.ok);
  if (down.length > 0) throw new ServiceUnavailableError('stack', 'SHELFSTREAM_LOCAL_STACK', `still down after start:\n${describe(down)}`);
  return reports;
}

const describe = (reports: readonly ServiceReport[]): string =>
  reports.map((r) => `  ${r.service.padEnd(16)} ${r.ok ? 'up  ' : 'DOWN'}  ${r.detail}`).join('\n');

export function runCommand(): Command {
  return new Command('run')
    .description('the main job: bring the stack up if needed, replay the bundled sample through the revenue topology, print where to look')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command);
      const reports = await ensureStack(config);
      console.log(`stack:\n${describe(reports)}`);
      const report = await runMainJob(config, config.stackDir, (line) => { console.log(line); });
      console.log(
        [
          `pipeline: ${report.replay.produced + report.replay.skipped} orders in ${report.topics[0] ?? ''}; outcomes ${JSON.stringify(report.outcomes)}`,
          `  ${report.finalWindows} final and ${report.openWindows} still open daily windows of revenue by category, country and currency`,
          ...revenueLines(report),
          'where to look:',
          `  topics          ${report.topics.join(', ')}`,
          `  Kafka           ${config.kafka.brokers.join(',')}`,
          `  Schema Registry ${config.schemaRegistry.url}/subjects`,
          `  object store    ${config.s3.endpoint} (bucket ${config.s3.rawBucket}, web console on the MinIO console port)`,
          `  ClickHouse      ${config.clickhouse.url} database ${config.clickhouse.database}`,
          `  Iceberg catalog ${config.iceberg.catalogUrl} warehouse ${config.iceberg.warehouse}`,
          '  service logs    docker/local-stack logs',
        ].join('\n'),
      );
    });
}
