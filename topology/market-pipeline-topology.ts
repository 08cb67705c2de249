import type { ShelfstreamConfig } from '../config/index.ts';
import { createClickHouseClient } from '../infra/clickhouse/create-clickhouse-client.ts';
import type { TopicSpec } from '../infra/kafka/kafka-driver.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import { Topology } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { CatalogProduct } from '../schemas/types/catalog-product.ts';
import { clickHouseInsertSink } from '../sinks/clickhouse/clickhouse-insert-sink.ts';
import { EVENT_TABLES } from '../sinks/clickhouse/clickhouse-schema.ts';
import { applyKpiSchema } from '../sinks/clickhouse/kpi-schema-migrations.ts';
import { sideOutputSink } from '../sinks/kafka/side-output-sink.ts';
import { catalogListingIdentity } from '../streams/catalog/catalog-listing-identity.ts';
import { catalogRules } from '../streams/catalog/catalog-rules.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { deduplicate, type DedupEntry } from '../streams/deduplicate.ts';
import { mapValues } from '../streams/map-records.ts';
import type { StateStore } from '../streams/state-store.ts';
import { validateRecords } from '../streams/validate-records.ts';

export interface MarketPipelineOptions {
  readonly applicationId: string;
  /** Catalog products (CatalogProduct keyed by ASIN), as `shelfstream replay --kind products` writes them. */
  readonly products: TopicSpec;
  readonly serde: AvroSerde;
  /** ClickHouse to write: its database gets the KPI schema's migrations before the first batch. */
  readonly config: ShelfstreamConfig;
  /** A listing repeated within this much event time of its first delivery is dropped (default a week). */
  readonly dedupeWithinMs?: number;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The market pipeline: the inputs a market-intelligence team watches, into ClickHouse. The
 * `catalog` sub-topology decodes catalog products, dead-letters those breaking a catalog rule (ASIN
 * format, prices, rating range, currency), drops a listing repeated across category files (same ASIN
 * and content; counted as filtered) and loads the rest into `catalog_products_raw`, whose views
 * serve the price and category KPIs, by an insert sink that never inserts an offset range twice.
 * The ClickHouse schema is migrated when the topology starts, before any task runs; a built
 * topology runs once (stopping it closes its ClickHouse client).
 */
export function marketPipelineTopology(options: MarketPipelineOptions): Topology {
  const { applicationId, products, serde, config } = options;
  const productSchema = readSchemaFile('catalog-product');
  const clickhouse = createClickHouseClient(config, config.clickhouse.database);

  return new Topology({
    applicationId,
    inputs: [products],
    // Not a joined table: the one hook the runtime awaits before the first batch, used to migrate ClickHouse.
    tables: [{ name: 'clickhouse-kpi-schema', start: async () => { await applyKpiSchema(config); }, stop: () => clickhouse.close() }],
    subTopologies: [
      subTopology('catalog', products.topic)
        .step('decode-products', ({ name }) => decodeAvro({ step: name, serde, value: productSchema }))
        .step('validate-products', ({ name }) => validateRecords(name, catalogRules))
        .statefulStep('deduplicate-products', ({ name }, store: StateStore<DedupEntry>) =>
          deduplicate<CatalogProduct>({ step: name, store, keyOf: (r) => catalogListingIdentity(r.value), withinMs: options.dedupeWithinMs ?? WEEK_MS }),
        )
        .step('catalog-product-rows', () => mapValues((product: CatalogProduct): Record<string, unknown> => ({ ...product })))
        .to('catalog-products-table', clickHouseInsertSink({ client: clickhouse, table: EVENT_TABLES.catalogProducts })),
    ],
    sideOutputs: sideOutputSink,
  });
}
