import type { ShelfstreamConfig } from '../config/index.ts';
import { icebergSchemaFromAvro, type AvroRecordSchema } from '../infra/iceberg/avro-to-iceberg-schema.ts';
import { ensureTable } from '../infra/iceberg/ensure-table.ts';
import { IcebergFileIO } from '../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../infra/iceberg/iceberg-rest-catalog.ts';
import type { TableIdentifier } from '../infra/iceberg/iceberg-types.ts';
import { partitionSpec } from '../infra/iceberg/partition-spec-builder.ts';
import type { Transform } from '../infra/iceberg/partition-transforms.ts';
import { createMinioClient } from '../infra/object-store/create-minio-client.ts';
import { subTopology } from '../runtime/sub-topology-builder.ts';
import type { SubTopology } from '../runtime/sub-topology.ts';
import type { TopologyTable } from '../runtime/topology.ts';
import { readSchemaFile } from '../schemas/schema-files.ts';
import type { AvroSerde } from '../schemas/serde/avro-serde.ts';
import type { WindowAggregate } from '../schemas/types/window-aggregate.ts';
import type { IcebergRow } from '../sinks/iceberg/iceberg-table-sink.ts';
import { icebergUpsertSink } from '../sinks/iceberg/iceberg-upsert-sink.ts';
import { decodeAvro } from '../streams/decode-avro.ts';
import { mapOrDeadLetter } from '../streams/map-or-dead-letter.ts';

// Catalog calls include commits of many files; a connect timeout would be too short for them.
const CATALOG_TIMEOUT_MS = 30_000;

export interface WindowGoldLoadOptions {
  readonly config: ShelfstreamConfig;
  readonly table: TableIdentifier;
  /** The topic of WindowAggregate records to load; read by this sub-topology alone, so it needs no internal copy. */
  readonly topic: string;
  readonly serde: AvroSerde;
  /** Partitioning beyond the day of window_start, where the table's readers filter (a bucket of the key for per-ASIN tables). */
  readonly partitionBy?: readonly { readonly column: string; readonly transform: Transform }[];
  /** The load's sub-topology and sink names, unique within the topology. */
  readonly subTopology: string;
  readonly sink: string;
}

/**
 * Window aggregates of a topic into an Iceberg gold table, one row per metric, key and window
 * start: a re-emitted window (an early result, a correction after a late record) replaces its row
 * (sinks/iceberg/iceberg-upsert-sink.ts). The table is created when the topology starts,
 * partitioned by day of window_start and then `partitionBy`.
 */
export function windowGoldLoad(options: WindowGoldLoadOptions): { table: TopologyTable; load: SubTopology<IcebergRow> } {
  const { config, table, serde } = options;
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
  const avro = readSchemaFile('window-aggregate');
  const schema = icebergSchemaFromAvro(JSON.parse(avro.text) as AvroRecordSchema);
  const spec = partitionSpec(schema, [{ column: 'window_start', transform: 'day' }, ...(options.partitionBy ?? [])]);
  const sink = icebergUpsertSink({
    catalog,
    io: new IcebergFileIO(createMinioClient(config)),
    table,
    keyOf: (row) => `${String(row.metric)}|${String(row.key)}|${String(row.window_start)}`,
    flush: config.iceberg.flush,
  });
  return {
    // Not a joined table: the hook the runtime awaits before the first batch, used to create the Iceberg table.
    table: { name: `iceberg-${table.name.replaceAll('_', '-')}`, start: () => ensureTable(catalog, table, schema, spec), stop: () => Promise.resolve() },
    load: subTopology(options.subTopology, options.topic)
      .step('decode-window-aggregates', ({ name }) => decodeAvro<WindowAggregate>({ step: name, serde, value: avro }))
      .step('window-gold-rows', ({ name }) => mapOrDeadLetter(name, (r: { value: WindowAggregate }): IcebergRow => ({ ...r.value })))
      .to(options.sink, sink),
  };
}
