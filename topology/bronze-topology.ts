import type { ShelfstreamConfig } from '../config/index.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import { Topology } from '../runtime/topology.ts';
import { createSchemaRegistryClient } from '../schemas/serde/create-schema-registry-client.ts';
import { bronzeTableSink } from '../sinks/iceberg/bronze-table-sink.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { bronzeRows } from '../streams/bronze/bronze-rows.ts';
import { ensureBronzeTable } from '../streams/bronze/ensure-bronze-table.ts';
import { WriterSchemas } from '../streams/bronze/writer-schemas.ts';

/** The topics the sources write (schemas/subjects.json): what arrives from outside, before any step. */
export const rawTopics = ['shelfstream.orders', 'shelfstream.catalog-products', 'shelfstream.product-pages', 'shelfstream.reviews', 'shelfstream.marketplace-observations'] as const;

export interface BronzeOptions {
  readonly applicationId: string;
  /** The raw topics to load, each into its own table. */
  readonly topics: readonly TopicSpec[];
  /** The registry, the Iceberg catalog and MinIO. */
  readonly config: ShelfstreamConfig;
  /** Iceberg namespace of the bronze tables (default `bronze`); created if missing. */
  readonly namespace?: string;
}

// Catalog calls include commits of many files; a connect timeout would be too short for them.
const CATALOG_TIMEOUT_MS = 30_000;

/**
 * The bronze table of a topic: `<namespace>.<name>_bronze`, the name being the topic without its
 * prefix (what comes before the first `.`, as in `shelfstream.orders`), `-` and `.` as `_`: the
 * namespace tells a copy's tables apart, and the tables' names stay within what step names allow.
 */
export const bronzeTable = (namespace: string, topic: string): TableIdentifier => ({
  namespace: [namespace],
  name: `${topic.slice(topic.indexOf('.') + 1).replace(/[^A-Za-z0-9_]/g, '_')}_bronze`,
});

/**
 * Raw topics into their bronze Iceberg tables, one sub-topology per topic: every record as it
 * arrived (decoded with its writer's schema where it decodes, raw bytes, schema id and Kafka
 * coordinates always), through the bronze sink, exactly once by its snapshot offsets, the table's
 * columns following the subject's versions. The tables are created or grown to each subject's
 * newest version when the topology starts.
 */
export function bronzeTopology(options: BronzeOptions): Topology {
  const { applicationId, topics, config } = options;
  const namespace = options.namespace ?? 'bronze';
  const registry = createSchemaRegistryClient(config);
  const schemas = new WriterSchemas(registry);
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
  const io = new IcebergFileIO(createMinioClient(config));
  const loads = topics.map((input) => ({ input, table: bronzeTable(namespace, input.topic) }));

  return new Topology({
    applicationId,
    inputs: topics,
    // One after another: the catalog may answer two creates of one namespace at once with a 500, not a 409.
    tables: [
      {
        name: 'iceberg-bronze-tables',
        start: async () => {
          for (const { input, table } of loads) await ensureBronzeTable(catalog, registry, table, input.topic);
        },
        stop: () => Promise.resolve(),
      },
    ],
    subTopologies: loads.map(({ input, table }) => {
      // Step names are lowercase letters, digits and dashes.
      const name = table.name.toLowerCase().replaceAll('_', '-');
      return subTopology(`load-${name}`, input.topic)
        .step(`${name}-rows`, () => bronzeRows(schemas))
        .to(`${name}-table`, bronzeTableSink({ catalog, io, table, schemas, flush: config.iceberg.flush }));
    }),
    sideOutputs: sideOutputSink,
  });
}
