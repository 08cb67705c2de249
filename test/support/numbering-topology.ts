import { subTopology } from '../../runtime/sub-topology-builder.ts';
import { Topology } from '../../runtime/topology.ts';
import { sideOutputSink } from '../../sinks/kafka/side-output-sink.ts';
import type { SinkFactory } from '../../sinks/sink.ts';
import { mapValues } from '../../streams/map-records.ts';
import type { StateStore } from '../../streams/state-store.ts';

/**
 * Events of a partition numbered through a store (`event-3` becomes `event-3#4` as the fourth seen),
 * so a record counted twice, or lost, shows in what `sink` writes.
 */
export function numberingTopology(applicationId: string, input: { topic: string; partitions: number }, sink: SinkFactory<string>, output: string): Topology {
  return new Topology({
    applicationId,
    inputs: [input],
    subTopologies: [
      subTopology('number', input.topic)
        .step('decode', () => mapValues<Buffer | null, string>((v) => v?.toString() ?? ''))
        .statefulStep('count', (_, store: StateStore<number>) =>
          mapValues<string, string>((v) => {
            const n = (store.get('seen') ?? 0) + 1;
            store.set('seen', n);
            return `${v}#${n}`;
          }),
        )
        .to('out', sink, [{ topic: output, partitions: 1 }]),
    ],
    sideOutputs: sideOutputSink,
  });
}
