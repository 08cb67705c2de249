import { loadConfig, type ShelfstreamConfig } from '../config/index.ts';
import { createKafkaDriver } from '../infra/kafka/create-kafka-driver.ts';
import type { Topology } from '../runtime/topology.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import { crawlStateTopicSpec } from '../sources/crawler/crawl-state-store.ts';
import { DEFAULT_CRAWL_TOPICS } from '../sources/crawler/crawl-topics.ts';
import { bronzeTopology, rawTopics } from './bronze-topology.ts';
import { marketPipelineTopology } from './market-pipeline-topology.ts';
import { orderRevenueTopology } from './order-revenue-topology.ts';
import { salesPipelineTopology } from './sales-pipeline-topology.ts';

/** Settings every topology takes from the command line. */
export interface TopologyParameters {
  readonly applicationId?: string;
  readonly inputTopic?: string;
  readonly outputTopic?: string;
  readonly partitions: number;
  readonly serde: AvroSerde;
  /** The services a topology writes besides Kafka (ClickHouse); from the environment when absent. */
  readonly config?: ShelfstreamConfig;
  /** Iceberg namespace of the tables a topology writes (the sales pipeline's silver table); from the application id when absent. */
  readonly icebergNamespace?: string;
}

/** What both order topologies read, from the flags or else the defaults: their group (`shelfstream-<name>`) and the orders topic. */
const orderInputs = (p: TopologyParameters, name: string) => ({
  applicationId: p.applicationId ?? `shelfstream-${name}`,
  orders: { topic: p.inputTopic ?? 'shelfstream.orders', partitions: p.partitions },
  serde: p.serde,
});

/** The topologies `shelfstream topology` can describe and run, by name. */
export const topologyCatalog: Readonly<Record<string, (p: TopologyParameters) => Topology>> = {
  bronze: (p) =>
    bronzeTopology({
      applicationId: p.applicationId ?? 'shelfstream-bronze',
      topics: (p.inputTopic === undefined ? rawTopics : [p.inputTopic]).map((topic) => ({ topic, partitions: p.partitions })),
      config: p.config ?? loadConfig(),
      namespace: p.icebergNamespace ?? 'bronze',
    }),
  'market-pipeline': (p) => {
    const config = p.config ?? loadConfig();
    return marketPipelineTopology({
      applicationId: p.applicationId ?? 'shelfstream-market-pipeline',
      products: { topic: p.inputTopic ?? 'shelfstream.catalog-products', partitions: p.partitions },
      observations: { topic: 'shelfstream.marketplace-observations', partitions: p.partitions },
      reviews: { topic: DEFAULT_CRAWL_TOPICS.reviews, partitions: p.partitions },
      crawl: { pages: { topic: DEFAULT_CRAWL_TOPICS.products, partitions: p.partitions }, state: crawlStateTopicSpec(DEFAULT_CRAWL_TOPICS.state), frontier: { topic: DEFAULT_CRAWL_TOPICS.frontier, partitions: p.partitions } },
      enrichedObservationsTopic: p.outputTopic ?? 'shelfstream.enriched-observations',
      serde: p.serde,
      driver: createKafkaDriver(config),
      config,
    });
  },
  'order-revenue': (p) => orderRevenueTopology({ ...orderInputs(p, 'order-revenue'), outputTopic: p.outputTopic ?? 'shelfstream.revenue-per-minute' }),
  'sales-pipeline': (p) =>
    salesPipelineTopology({ ...orderInputs(p, 'sales-pipeline'), enrichedTopic: p.outputTopic ?? 'shelfstream.enriched-orders', config: p.config ?? loadConfig(), ...(p.icebergNamespace === undefined ? {} : { icebergNamespace: p.icebergNamespace }) }),
};
