import { randomUUID } from 'node:crypto';
import { IcebergTableError } from '../../errors/index.ts';
import { columnStatistics } from './column-statistics.ts';
import type { DataFile } from './data-file.ts';
import { fastAppend } from './fast-append.ts';
import type { IcebergFileIO } from './iceberg-file-io.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergSchema, PartitionSpec, Snapshot, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { writeParquetDataFile } from './parquet-data-file.ts';
import { readParquetRows } from './parquet-rows.ts';
import { replaceFiles, type ReplaceRequest } from './replace-files.ts';
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
    const files = await this.writeDataFiles(rows);
    this.#metadata = await fastAppend({ catalog: this.#catalog, io: this.#io, id: this.id, base: this.#metadata, schema: this.schema, spec: this.spec, files, summary });
    return this.#committed();
  }

  /**
   * Removes and adds data files in one snapshot (infra/iceberg/replace-files.ts), the plan decided
   * on the head at each attempt; the current snapshot after, unchanged when the plan was empty.
   */
  async replace(operation: ReplaceRequest['operation'], plan: ReplaceRequest['plan']): Promise<Snapshot | undefined> {
    const onHead: ReplaceRequest['plan'] = (head, live, previous) => {
      // The plan reads and writes files with this table's schema: the head's, should it have evolved.
      this.#metadata = head;
      return plan(head, live, previous);
    };
    this.#metadata = await replaceFiles({ catalog: this.#catalog, io: this.#io, id: this.id, operation, plan: onHead });
    return this.currentSnapshot;
  }

  /** Rows as one Parquet file per partition, written and not committed (a replace plan's new files). */
  async writeDataFiles(rows: readonly Readonly<Record<string, unknown>>[]): Promise<DataFile[]> {
    const schema = this.schema;
    return Promise.all([...groupByPartition(schema, this.spec, rows).values()].map((group) => this.#writeDataFile(schema, group.partition, group.rows)));
  }

  /** Whether a partition tuple shows as `shown` in any of its fields (`2026-01-01` for a day, the value for identity). */
  partitionShownAs(partition: Readonly<Record<string, unknown>>, shown: string): boolean {
    return this.spec.fields.some((field) => partitionPathValue(field.transform, partition[field.name]) === shown);
  }

  /** The rows of a data file of this table, in the row convention. */
  async readDataFile(location: string): Promise<Record<string, unknown>[]> {
    return readParquetRows(this.schema, await this.#io.read(location));
  }

  #committed(): Snapshot {
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
  const groups = new Map<string, { partition: Record<string, unknown>; rows: Readonly<Record<string, unknown>>[] }>();
  for (const row of rows) {
    const partition = rowPartition(schema, spec, row);
    const key = JSON.stringify(partition);
    const group = groups.get(key) ?? { partition, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return groups;
}

/** A row's partition tuple by partition field name: the transforms applied to its source columns. */
export function rowPartition(schema: IcebergSchema, spec: PartitionSpec, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    spec.fields.map((field) => {
      const source = partitionSource(schema, field);
      return [field.name, applyTransform(field.transform, source.type, row[source.name])];
    }),
  );
}

/** The folder name of a partition value, as Iceberg's writers show it: days as ISO dates. */
function partitionPathValue(transform: string, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (transform === 'day') return new Date(Number(value) * 86_400_000).toISOString().slice(0, 10);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
