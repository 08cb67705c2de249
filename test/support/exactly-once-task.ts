import type { KafkaConsumer } from '../../infra/kafka/kafka-driver.ts';
import { RuntimeMetrics } from '../../runtime/metrics/runtime-metrics.ts';
import { StreamTask } from '../../runtime/stream-task.ts';
import type { Topology } from '../../runtime/topology.ts';
import type { InMemoryStack } from './in-memory-stack.ts';

/** The task of partition 0 of `topology`'s first sub-topology as the runner starts it under exactly-once, for the consumer given. */
export function startExactlyOnceTask(stack: InMemoryStack, topology: Topology, consumer: KafkaConsumer): Promise<StreamTask> {
  const sub = topology.subTopologies[0];
  if (sub === undefined) throw new Error('no sub-topology');
  return StreamTask.start({
    applicationId: topology.applicationId,
    subTopology: sub,
    partition: 0,
    driver: stack.driver,
    producer: stack.driver.producer(),
    transactions: consumer.transactionalProducer(`${topology.applicationId}.${sub.source}.0`),
    committed: () => consumer.committed({ topic: sub.source, partition: 0 }),
    commitIntervalMs: 0,
    metrics: new RuntimeMetrics(),
    sideOutputs: topology.sideOutputSink,
    now: Date.now,
  });
}
