import { Command } from 'commander';
import { ORDER_SINKS, type MainJobReconciliation, type SalesReconciliation } from '../../sinks/reconcile/reconciliation-results.ts';
import { mainJobNames } from '../../topology/main-job-names.ts';
import { reconcileMainJob, reconciledTopics } from '../../topology/main-job-reconciliation.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { configFrom } from '../global-options.ts';

const FLAG = '  <- differs';

/** The reconciliation as tables: the sales orders per partition and per day, the market loads per partition, the gold tables; every difference flagged and traced to its offsets or windows. */
export function reconciliationLines(result: MainJobReconciliation): string[] {
  const cell = (value: string | number, width = 12) => String(value).padStart(width);
  const lines = salesLines(result.sales);
  lines.push(`${'market load'.padEnd(34)}${cell('partition')}${cell('records')}${cell('expected')}${cell('rows')}`);
  for (const p of result.market.partitions) {
    const differs = p.missing.length + p.doubled.length + p.strays.length > 0;
    lines.push(`${p.sink.padEnd(34)}${cell(p.partition)}${cell(p.records)}${cell(p.expected)}${cell(p.rows)}${differs ? FLAG : ''}`);
    if (p.missing.length > 0) lines.push(`  ${p.sink} lacks ${p.topic} partition ${p.partition} offsets ${p.missing.join(', ')}`);
    if (p.doubled.length > 0) lines.push(`  ${p.sink} holds more than once ${p.topic} partition ${p.partition} offsets ${p.doubled.join(', ')}`);
    if (p.strays.length > 0) lines.push(`  ${p.sink} holds ${p.topic} partition ${p.partition} offsets it should not (dead-lettered or repeats): ${p.strays.join(', ')}`);
  }
  lines.push(`${'gold table'.padEnd(50)}${cell('windows')}${cell('rows')}`);
  for (const g of result.gold) {
    lines.push(`${g.table.padEnd(50)}${cell(g.windows)}${cell(g.rows)}${g.differs ? FLAG : ''}`);
    for (const [what, ids] of [['lacks', g.missing], ['holds twice', g.doubled], ['holds an older result of', g.stale], ['holds windows its topic lacks:', g.strays]] as const) {
      if (ids.length > 0) lines.push(`  ${g.table} ${what} ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`);
    }
  }
  lines.push(result.differs ? 'differences found' : 'no difference: every topic and every sink agree');
  return lines;
}

/** The sales orders as a table per partition and one per day, every difference traced to its source offsets. */
function salesLines(result: SalesReconciliation): string[] {
  const cell = (value: string | number, width = 12) => String(value).padStart(width);
  const lines = [
    `${'partition'.padEnd(10)}${cell('events')}${cell('orders')}${ORDER_SINKS.map((s) => cell(s, 28)).join('')}`,
    ...result.partitions.map((p) => `${String(p.partition).padEnd(10)}${cell(p.sourceEvents)}${cell(p.sourceOrders)}${ORDER_SINKS.map((s) => cell(p.sinks[s], 28)).join('')}${p.differences.length > 0 ? FLAG : ''}`),
  ];
  for (const p of result.partitions) {
    for (const d of p.differences) {
      if (d.missing.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} lacks the orders at offsets ${d.missing.join(', ')}`);
      if (d.doubled.length > 0) lines.push(`  partition ${p.partition}: ${d.sink} holds more than once the orders at offsets ${d.doubled.join(', ')}`);
    }
  }
  for (const [sink, ids] of Object.entries(result.strays)) if (ids.length > 0) lines.push(`  ${sink} holds orders the source lacks: ${ids.join(', ')}`);
  lines.push(
    `${'day'.padEnd(12)}${cell('enriched')}${cell('silver')}${cell('gold')}${cell('ch-kpis')}`,
    ...result.days.map((d) => `${d.day.padEnd(12)}${cell(d.enriched)}${cell(d.silver)}${cell(d.gold)}${cell(d.clickhouseKpis)}${d.differs ? FLAG : ''}`),
  );
  return lines;
}

export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description("compare the main job's topics with what its sinks hold: the orders (enriched topic, ClickHouse orders_raw/orders_enriched and KPIs, Iceberg silver and gold) per partition and per day, the market pipeline's ClickHouse loads per partition and offset, the gold tables per window; exit code 1 on any difference")
    .option('--prefix <name>', "prefix of the job's topics and consumer groups, as given to run", 'shelfstream')
    .action(async (flags: { prefix: string }, command: Command) => {
      const config = configFrom(command);
      const names = mainJobNames(flags.prefix);
      // A prefix nothing ran under would fail on its first topic read: say so before reading any.
      const admin = await createKafkaDriver(config).admin();
      const existing = new Set(await admin.listTopics().finally(() => admin.close()));
      const missing = reconciledTopics(names).filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        console.error(`no main job to reconcile under the prefix ${flags.prefix}: ${missing.length} of its topics are missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''}); run \`shelfstream run --once --prefix ${flags.prefix}\` first`);
        process.exitCode = 2;
        return;
      }
      const result = await reconcileMainJob(config, names);
      console.log(reconciliationLines(result).join('\n'));
      if (result.differs) process.exitCode = 1;
    });
}
