import type { KafkaDriver } from '../infra/kafka/kafka-driver.ts';
import type { Topology } from '../runtime/topology.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { compareWindows, type WindowComparison } from './kafka-streams/compare-windows.ts';
import { ourWindows, peerWindows } from './peer-windows.ts';
import { topologySeconds, type TopologyRun } from './topology-rate.ts';

export interface OursAgainstPeer {
  readonly ours: TopologyRun;
  /** This process's CPU (user and system) over our run, startup and stop included. */
  readonly oursCpuSeconds: number;
  readonly comparison: WindowComparison;
}

/**
 * Runs our order-revenue topology (exactly-once) over the input a peer has already processed, then
 * compares our windows on `ourOutput` with the peer's JSON results on `peerOutput`.
 */
export async function oursAgainstPeer(
  driver: KafkaDriver,
  serde: AvroSerde,
  run: { topology: Topology; records: number; partitions: number; commitIntervalMs: number; ourOutput: string; peerOutput: string },
): Promise<OursAgainstPeer> {
  const cpuBefore = process.cpuUsage();
  const ours = await topologySeconds(driver, run.topology, run.records, 'exactly-once', run.commitIntervalMs);
  const cpu = process.cpuUsage(cpuBefore);
  const comparison = compareWindows(await ourWindows(driver, serde, run.ourOutput, run.partitions), await peerWindows(driver, run.peerOutput, run.partitions));
  return { ours, oursCpuSeconds: (cpu.user + cpu.system) / 1e6, comparison };
}
