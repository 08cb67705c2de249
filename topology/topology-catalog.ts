import type { Topology } from '../runtime/topology.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { orderRevenueTopology } from './order-revenue-topology.ts';

/** Settings every topology takes from the command line. */
export interface TopologyParameters {
  readonly applicationId?: string;
  readonly inputTopic?: string;
  readonly outputTopic?: string;
  readonly partitions: number;
  readonly serde: AvroSerde;
}

/** The topologies `shelfstream topology` can describe and run, by name. */
export const topologyCatalog: Readonly<Record<string, (p: TopologyParameters) => Topology>> = {
  'order-revenue': (p) =>
    orderRevenueTopology({
      applicationId: p.applicationId ?? 'shelfstream-order-revenue',
      orders: { topic: p.inputTopic ?? 'shelfstream.orders', partitions: p.partitions },
      outputTopic: p.outputTopic ?? 'shelfstream.revenue-per-minute',
      serde: p.serde,
    }),
};
