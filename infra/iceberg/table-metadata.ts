import { IcebergTableError } from '../../errors/index.ts';
import type { IcebergSchema, NestedField, PartitionField, PartitionSpec, Snapshot, TableMetadata } from './iceberg-types.ts';

/** Lookups into table metadata as the catalog returns it: the current schema, default spec and main branch head. */

export function currentSchema(metadata: TableMetadata): IcebergSchema {
  const schema = metadata.schemas.find((candidate) => candidate['schema-id'] === metadata['current-schema-id']);
  if (schema === undefined) throw new IcebergTableError(`table metadata has no schema ${metadata['current-schema-id']}`);
  return schema;
}

export function defaultSpec(metadata: TableMetadata): PartitionSpec {
  const spec = metadata['partition-specs'].find((candidate) => candidate['spec-id'] === metadata['default-spec-id']);
  if (spec === undefined) throw new IcebergTableError(`table metadata has no partition spec ${metadata['default-spec-id']}`);
  return spec;
}

/** The snapshot the main branch points at, if any. */
export function currentSnapshot(metadata: TableMetadata): Snapshot | undefined {
  const id = metadata.refs?.main?.['snapshot-id'] ?? metadata['current-snapshot-id'];
  if (id === undefined || id === null || id === -1) return undefined;
  return metadata.snapshots?.find((snapshot) => snapshot['snapshot-id'] === id);
}

/** The top-level column a partition field transforms; this writer partitions by top-level columns only. */
export function partitionSource(schema: IcebergSchema, field: PartitionField): NestedField {
  const source = schema.fields.find((column) => column.id === field['source-id']);
  if (source === undefined) throw new IcebergTableError(`partition field ${field.name} names column id ${field['source-id']}, not a top-level column`);
  return source;
}

/** The main branch's history, newest first: its head, then each parent the table still lists. */
export function mainAncestors(metadata: TableMetadata): Snapshot[] {
  const byId = new Map((metadata.snapshots ?? []).map((snapshot) => [snapshot['snapshot-id'], snapshot]));
  const history: Snapshot[] = [];
  for (let snapshot = currentSnapshot(metadata); snapshot !== undefined; ) {
    history.push(snapshot);
    const parent = snapshot['parent-snapshot-id'];
    snapshot = parent === undefined ? undefined : byId.get(parent);
  }
  return history;
}
