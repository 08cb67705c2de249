import { randomUUID } from 'node:crypto';
import { IcebergTableError } from '../../errors/index.ts';
import { columnStatistics } from './column-statistics.ts';
import type { DataFile } from './data-file.ts';
import { fastAppend } from './fast-append.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergSchema, PartitionSpec, Snapshot, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeParquetDataFile } from './parquet-data-file.ts';
import { applyTransform } from './partition-transforms.ts';
import { currentSchema, currentSnapshot, defaultSpec, partitionSource } from './table-metadata.ts';

// The table layer is hand-written: no npm package writes Iceberg manifests or commits snapshots
// (the REST clients and readers on npm stop short of that), so this layer follows the spec and
// pyiceberg's layout: catalog, file IO, schema, partition transforms, manifests, commit.
/** A format v2 Iceberg table behind the REST catalog: its current metadata, and appends of rows. */
export class IcebergTable {
  readonly id: TableIdentifier;
  readonly #catalog: IcebergRestCatalog;
  readonly #io: IcebergFileIO;
  #metadata: TableMetadata;

  private constructor(catalog: IcebergRestCatalog, io: IcebergFileIO, id: TableIdentifier, metadata: TableMetadata) {
    this.#catalog = catalog;
    this.#io = io;
    this.id = id;
    this.#metadata = metadata;
  }

  static async load(catalog: IcebergRestCatalog, io: IcebergFileIO, id: TableIdentifier): Promise<IcebergTable> {
    return new IcebergTable(catalog, io, id, (await catalog.loadTable(id)).metadata);
  }

  get metadata(): TableMetadata {
    return this.#metadata;
  }

  get schema(): IcebergSchema {
    return currentSchema(this.#metadata);
  }

  get spec(): PartitionSpec {
    return defaultSpec(this.#metadata);
  }

  get currentSnapshot(): Snapshot | undefined {
    return currentSnapshot(this.#metadata);
  }

  /** Every snapshot of the table, oldest first. */
  get snapshots(): readonly Snapshot[] {
    return this.#metadata.snapshots ?? [];
  }

  async refresh(): Promise<void> {
    this.#metadata = (await this.#catalog.loadTable(this.id)).metadata;
  }

  /**
   * Writes the rows as one Parquet file per partition and commits them as one append snapshot,
   * with `summary` added to the snapshot's summary. Resolves once the catalog has the snapshot.
   */
  async append(rows: readonly Readonly<Record<string, unknown>>[], summary: Readonly<Record<string, string>> = {}): Promise<Snapshot> {
    const schema = this.schema;
    const spec = this.spec;
    const files = await Promise.all([...groupByPartition(schema, spec, rows).values()].map((group) => this.#writeDataFile(schema, group.partition, group.rows)));
    this.#metadata = await fastAppend({ catalog: this.#catalog, io: this.#io, id: this.id, base: this.#metadata, schema, spec, files, summary });
    const committed = this.currentSnapshot;
    if (committed === undefined) throw new IcebergTableError(`the catalog accepted a commit to ${this.id.name} but shows no snapshot on main`);
    return committed;
  }

  async #writeDataFile(schema: IcebergSchema, partition: Record<string, unknown>, rows: readonly Readonly<Record<string, unknown>>[]): Promise<DataFile> {
    const dataPath = this.#metadata.properties?.['write.data.path'] ?? `${this.#metadata.location}/data`;
    const folder = this.spec.fields.map((field) => `${field.name}=${encodeURIComponent(partitionPathValue(field.transform, partition[field.name]))}`);
    const location = [dataPath, ...folder, `${randomUUID()}.parquet`].join('/');
    const bytes = writeParquetDataFile(schema, rows);
    await this.#io.write(location, bytes);
    return { location, fileSizeInBytes: bytes.byteLength, recordCount: rows.length, partition, columns: columnStatistics(schema, rows) };
  }
}

function groupByPartition(
  schema: IcebergSchema,
  spec: PartitionSpec,
  rows: readonly Readonly<Record<string, unknown>>[],
): Map<string, { partition: Record<string, unknown>; rows: Readonly<Record<string, unknown>>[] }> {
  const sources = spec.fields.map((field) => ({ field, source: partitionSource(schema, field) }));
  const groups = new Map<string, { partition: Record<string, unknown>; rows: Readonly<Record<string, unknown>>[] }>();
  for (const row of rows) {
    const partition = Object.fromEntries(sources.map(({ field, source }) => [field.name, applyTransform(field.transform, source.type, row[source.name])]));
    const key = JSON.stringify(partition);
    const group = groups.get(key) ?? { partition, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return groups;
}

/** The folder name of a partition value, as Iceberg's writers show it: days as ISO dates. */
function partitionPathValue(transform: string, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (transform === 'day') return new Date(Number(value) * 86_400_000).toISOString().slice(0, 10);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
