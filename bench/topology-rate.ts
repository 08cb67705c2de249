import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import { TopologyRunner, type ProcessingGuarantee } from '../runtime/topology-runner.ts';
import type { Topology } from '../runtime/topology.ts';

// The runner's counters are polled: the first record is seen up to this late, a bias far below a run's length.
const POLL_MS = 10;

export interface TopologyRun {
  /** From the first record taken in to the last record through every sub-topology. */
  readonly seconds: number;
  /** From start (topics, group join, state restore) to the first record taken in. */
  readonly startupSeconds: number;
  /**
   * This process's CPU time (user and system) from the first record to the last, per record: what
   * the topology costs, far less swayed than the rate by other work on a shared machine.
   */
  readonly cpuMicrosPerRecord: number;
  /** Per sub-topology: batches, their mean size, and mean milliseconds in the chain and in the checkpoint. */
  readonly batches: Record<string, { batches: number; meanRecords: number; chainMs: number; checkpointMs: number }>;
}

/** Where a run's time went, from the runner's own histograms. */
async function batchProfile(runner: TopologyRunner): Promise<TopologyRun['batches']> {
  const sizes = (await runner.metrics.batchRecords.get()).values;
  const times = (await runner.metrics.batchSeconds.get()).values;
  const pick = (values: typeof sizes, name: string, labels: Record<string, string>) =>
    values.find((v) => v.metricName === name && Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value ?? 0;
  const subs = [...new Set(sizes.map((v) => String(v.labels.sub_topology)))];
  return Object.fromEntries(
    subs.map((sub) => {
      const batches = pick(sizes, 'shelfstream_batch_records_count', { sub_topology: sub });
      const mean = (name: string, labels: Record<string, string>) => (batches === 0 ? 0 : pick(times, name, labels) / batches);
      return [
        sub,
        {
          batches,
          meanRecords: Math.round(pick(sizes, 'shelfstream_batch_records_sum', { sub_topology: sub }) / Math.max(1, batches)),
          chainMs: Number((1000 * mean('shelfstream_batch_seconds_sum', { sub_topology: sub, phase: 'chain' })).toFixed(2)),
          checkpointMs: Number((1000 * mean('shelfstream_batch_seconds_sum', { sub_topology: sub, phase: 'checkpoint' })).toFixed(2)),
        },
      ];
    }),
  );
}

/**
 * Seconds a topology's runner, started fresh, takes until every one of its sub-topologies has
 * taken in `count` records: for the orders topology, consume, decode, validate and re-key, then
 * decode again and aggregate into windows with changelog-backed state.
 */
export async function topologySeconds(driver: KafkaDriver, topology: Topology, count: number, processingGuarantee: ProcessingGuarantee, commitIntervalMs?: number): Promise<TopologyRun> {
  const failures: unknown[] = [];
  const runner = new TopologyRunner({ topology, driver, processingGuarantee, ...(commitIntervalMs === undefined ? {} : { commitIntervalMs }), onFatal: (error) => failures.push(error) });
  const started = performance.now();
  let first: number | undefined;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  await runner.start();
  try {
    for (;;) {
      if (failures.length > 0) throw new Error('the topology stopped on an error', { cause: failures[0] });
      const taken = await Promise.all(topology.subTopologies.map((s) => runner.metrics.total('recordsIn', { sub_topology: s.name })));
      if (first === undefined && taken.some((n) => n > 0)) {
        first = performance.now();
        cpuAtFirst = process.cpuUsage();
      }
      if (first !== undefined && taken.every((n) => n >= count)) {
        const cpu = process.cpuUsage(cpuAtFirst);
        return {
          seconds: (performance.now() - first) / 1000,
          startupSeconds: (first - started) / 1000,
          cpuMicrosPerRecord: Number(((cpu.user + cpu.system) / count).toFixed(1)),
          batches: await batchProfile(runner),
        };
      }
      await sleep(POLL_MS);
    }
  } finally {
    await runner.stop();
  }
}
