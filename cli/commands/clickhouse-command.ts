import { Command } from 'commander';
import type { MigrationState } from '../../infra/clickhouse/migrator.ts';
import { applyKpiSchema, kpiSchemaStatus } from '../../sinks/clickhouse/kpi-schema-migrations.ts';
import { configFrom } from '../global-options.ts';

const line = (s: MigrationState): string =>
  [s.state.padEnd(8), s.file.padEnd(32), `sha256 ${s.checksum ?? '-'}`, s.appliedAt === undefined ? '' : `applied ${s.appliedAt} UTC`]
    .concat(s.state === 'edited' ? [`(applied as sha256 ${s.appliedChecksum ?? ''})`] : [])
    .join('  ')
    .trimEnd();

export function clickhouseCommand(): Command {
  const command = new Command('clickhouse').description('the ClickHouse KPI schema: versioned migrations in sinks/clickhouse/migrations');
  command
    .command('migrate')
    .description('apply the pending migrations to SHELFSTREAM_CLICKHOUSE_DATABASE (created if absent); refuses if an applied one was edited')
    .action(async (_options: unknown, sub: Command) => {
      const config = configFrom(sub);
      const applied = await applyKpiSchema(config);
      if (applied.length === 0) console.log(`${config.clickhouse.database}: up to date`);
      for (const m of applied) console.log(`applied  ${m.file}  sha256 ${m.checksum}`);
    });
  command
    .command('status')
    .description('list the migrations: applied (when, checksum), pending, edited after being applied, or missing')
    .option('--json', 'print the states as JSON')
    .action(async (options: { json?: boolean }, sub: Command) => {
      const states = await kpiSchemaStatus(configFrom(sub));
      if (options.json === true) console.log(JSON.stringify(states, null, 2));
      else for (const s of states) console.log(line(s));
      if (states.some((s) => s.state === 'edited' || s.state === 'missing')) process.exitCode = 1;
    });
  return command;
}
