import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { probeStack, type ServiceReport } from '../../infra/stack/probe-stack.ts';
import { startLocalStack } from '../../infra/stack/start-local-stack.ts';
import { configFrom } from '../global-options.ts';
import { MAIN_JOB_SERVICES, revenueLines, runMainJob } from '../main-job.ts';

/** The reports of the services the main job uses: only those must be up, and only those are shown. */
async function probeUsed(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  return (await probeStack(config)).filter((r) => MAIN_JOB_SERVICES.includes(r.service));
}

/** Probes the stack; with SHELFSTREAM_LOCAL_STACK=auto, starts the native stack when a service the job uses is down. */
async function ensureStack(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  let reports = await probeUsed(config);
  if (reports.every((r) => r.ok)) return reports;
  if (config.localStack === 'off') {
    throw new ServiceUnavailableError('stack', 'SHELFSTREAM_LOCAL_STACK', `services down:\n${describe(reports.filter((r) => !r.ok))}`);
  }
  console.error('some services are down; starting the native local stack (docker/local-stack up)');
  await startLocalStack(config.stackDir);
  reports = await probeUsed(config);
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
          `  ${report.finalWindows} final and ${report.openWindows} still open daily windows of revenue by category, country and currency, over ${report.revenueByDay.length} day-currency totals:`,
          ...revenueLines(report),
          'where to look:',
          `  topics          ${report.topics.join(', ')}`,
          `  Kafka           ${config.kafka.brokers.join(',')}`,
          `  Schema Registry ${config.schemaRegistry.url}/subjects`,
          '  service logs    docker/local-stack logs',
        ].join('\n'),
      );
    });
}
