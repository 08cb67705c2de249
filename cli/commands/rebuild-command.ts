import { Command } from 'commander';
import { configFrom } from '../global-options.ts';
import { mainJobNames, runMainJob } from '../main-job.ts';
import { wipeMainJob } from '../wipe-main-job.ts';

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description("wipe what the main job derived from its orders topic (its groups' offsets, derived and internal topics, the ClickHouse tables and KPIs it loaded, the Iceberg silver and gold tables), then rebuild all of it from the log with a bounded run")
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, as given to run", 'shelfstream')
    .action(async (flags: { prefix: string }, command: Command) => {
      const config = configFrom(command);
      const names = mainJobNames(flags.prefix);
      const wiped = await wipeMainJob(config, names);
      console.log(
        [
          `wiped: groups ${wiped.groups.join(', ')}`,
          `  topics     ${wiped.topics.join(', ') || '(none)'}`,
          `  ClickHouse ${config.clickhouse.database}: ${wiped.clickhouseTables.join(', ') || '(none)'}`,
          `  Iceberg    ${wiped.icebergTables.join(', ') || '(none)'}`,
          `rebuilding from ${names.ordersTopic}`,
        ].join('\n'),
      );
      const report = await runMainJob(config, config.stackDir, (line) => { console.log(line); }, names);
      const { sinks } = report;
      console.log(
        [
          `rebuilt: ${report.finalWindows} final and ${report.openWindows} open daily windows; ClickHouse orders_enriched ${sinks.clickhouseOrders} orders (${sinks.kpiOrders} in the sales KPIs)`,
          `  Iceberg ${sinks.icebergTable}: ${sinks.icebergRows} rows; ${sinks.goldTable}: ${sinks.goldRows} windows`,
        ].join('\n'),
      );
    });
}
