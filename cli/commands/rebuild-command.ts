import { Command } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { configFrom } from '../global-options.ts';
import { mainJobNames, type MainJobNames } from '../../topology/main-job-names.ts';
import { addMainJobInputOptions, BUNDLED_INPUTS, resolveMainJobInputs, type MainJobInputFlags, type MainJobInputs } from '../main-job-inputs.ts';
import { runMainJob, type MainJobReport } from '../main-job.ts';
import { wipeMainJob, type WipeReport } from '../wipe-main-job.ts';

/** What `shelfstream rebuild` does: the main job's derived state wiped, then rebuilt from the orders topic by a bounded run. */
export async function rebuildMainJob(
  config: ShelfstreamConfig,
  stackDir: string,
  log: (line: string) => void,
  names: MainJobNames,
  inputs: MainJobInputs = BUNDLED_INPUTS,
): Promise<{ wiped: WipeReport; report: MainJobReport }> {
  const wiped = await wipeMainJob(config, names);
  log(
    [
      `wiped: groups ${wiped.groups.join(', ')}`,
      `  topics     ${wiped.topics.join(', ') || '(none)'}`,
      `  ClickHouse ${config.clickhouse.database}: ${wiped.clickhouseTables.join(', ') || '(none)'}`,
      `  Iceberg    ${wiped.icebergTables.join(', ') || '(none)'}`,
      `rebuilding from ${names.ordersTopic}`,
    ].join('\n'),
  );
  return { wiped, report: await runMainJob(config, stackDir, log, names, inputs) };
}

export function rebuildCommand(): Command {
  const rebuild = new Command('rebuild')
    .description("wipe what the main job derived from its orders topic (its groups' offsets, derived and internal topics, the ClickHouse tables and KPIs it loaded, the Iceberg silver and gold tables), then rebuild all of it from the log with a bounded run; a job run on your files is rebuilt with the same --sales, --products and --pages, which find their records in the log already and add none (without them the bundled sample and the fixtures would be added)")
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, as given to run", 'shelfstream');
  return addMainJobInputOptions(rebuild)
    .action(async (flags: { prefix: string } & MainJobInputFlags, command: Command) => {
      const config = configFrom(command);
      const inputs = await resolveMainJobInputs(flags);
      const { report } = await rebuildMainJob(config, config.stackDir, (line) => { console.log(line); }, mainJobNames(flags.prefix), inputs);
      const { sinks } = report;
      console.log(
        [
          `rebuilt: ${report.finalWindows} final and ${report.openWindows} open daily windows; ClickHouse orders_enriched ${sinks.clickhouseOrders} orders (${sinks.kpiOrders} in the sales KPIs)`,
          `  Iceberg ${sinks.icebergTable}: ${sinks.icebergRows} rows; ${sinks.goldTable}: ${sinks.goldRows} windows`,
        ].join('\n'),
      );
    });
}
