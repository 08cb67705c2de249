import { Command } from 'commander';
import { probeStack } from '../../infra/stack/probe-stack.ts';
import { configFrom } from '../global-options.ts';

export function checkCommand(): Command {
  return new Command('check')
    .description('probe every configured service (Kafka, object store, ClickHouse, Iceberg catalog) and report')
    .option('--json', 'print the reports as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const reports = await probeStack(configFrom(command));
      if (options.json === true) console.log(JSON.stringify(reports.map((r) => ({ service: r.service, ok: r.ok, detail: r.detail })), null, 2));
      else for (const r of reports) console.log(`${r.service.padEnd(16)} ${r.ok ? 'up  ' : 'DOWN'}  ${r.detail}`);
      if (reports.some((r) => !r.ok)) process.exitCode = 1;
    });
}
