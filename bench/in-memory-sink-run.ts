import { performance } from 'node:perf_hooks';
import type { OutgoingRecord } from '../infra/kafka/kafka-driver.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import { Topology } from '../runtime/topology.ts';
import { TopologyRunner } from '../runtime/topology-runner.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { inMemoryStack, until } from '../test/support/in-memory-stack.ts';

export interface InMemorySinkRun {
  readonly applicationId: string;
  readonly topic: string;
  readonly partitions: number;
  /** Records a batch holds at most. */
  readonly batch: number;
  /** The input, each with its partition. */
  readonly records: readonly OutgoingRecord[];
  /** The sub-topology reading `topic` into the sink measured. */
  readonly load: (topic: string) => SubTopology;
}

/**
 * The sink benchmarks' run: the records produced into an in-memory Kafka (so only the sink is
 * measured), then the sub-topology run from its start until every input offset is committed.
 * Returns the seconds that took and the stopped runner, for its metrics.
 */
export async function runInMemorySink(run: InMemorySinkRun): Promise<{ seconds: number; runner: TopologyRunner }> {
  const stack = inMemoryStack({}, { maxBatchRecords: run.batch });
  const input = { topic: run.topic, partitions: run.partitions };
  const kafka = await stack.driver.admin();
  await kafka.createTopics([input]);
  const producer = stack.driver.producer();
  await producer.connect();
  for (let i = 0; i < run.records.length; i += 10_000) await producer.send(input.topic, run.records.slice(i, i + 10_000));
  const ends = Array.from({ length: run.partitions }, (_, p) => String(run.records.filter((r) => r.partition === p).length));

  const topology = new Topology({ applicationId: run.applicationId, inputs: [input], subTopologies: [run.load(input.topic)], sideOutputs: sideOutputSink });
  const runner = new TopologyRunner({ topology, driver: stack.driver });
  const started = performance.now();
  await runner.start();
  await until('every row committed', () => ends.every((end, p) => stack.cluster.committedOffset(run.applicationId, { topic: input.topic, partition: p }) === end), 900_000);
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  return { seconds, runner };
}
