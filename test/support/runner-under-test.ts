import type { KafkaDriver } from '../../infra/kafka/kafka-driver.ts';
import { TopologyRunner } from '../../runtime/topology-runner.ts';
import type { Topology } from '../../runtime/topology.ts';

/** A started runner and the fatal errors its consumer reported, so a stalled test fails with the cause. */
export interface RunnerUnderTest {
  readonly runner: TopologyRunner;
  readonly fatal: unknown[];
}

export async function startRunner(topology: Topology, driver: KafkaDriver): Promise<RunnerUnderTest> {
  const fatal: unknown[] = [];
  const runner = new TopologyRunner({ topology, driver, onFatal: (error) => fatal.push(error) });
  await runner.start();
  return { runner, fatal };
}

/** Throws the first fatal error of any runner: waiting for results of a stopped consumer is pointless. */
export function throwIfFatal(...runners: readonly RunnerUnderTest[]): void {
  const error = runners.flatMap((r) => r.fatal)[0];
  if (error !== undefined) throw error instanceof Error ? error : new Error('a runner stopped on a fatal error', { cause: error });
}

/**
 * Input records fetched per task (`sub-topology/partition`) by one runner: which partitions it
 * processed. Control records (watermark announcements) are not counted.
 */
export async function recordsInByTask(runner: TopologyRunner): Promise<Map<string, number>> {
  const { values } = await runner.metrics.recordsIn.get();
  return new Map(values.filter((v) => v.value > 0).map((v) => [`${String(v.labels.sub_topology)}/${String(v.labels.partition)}`, v.value]));
}
