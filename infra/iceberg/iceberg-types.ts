/** The parts of the Iceberg REST OpenAPI models and table spec this project reads and writes, with the spec's field names. */

export type IcebergPrimitive =
  | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'date' | 'time' | 'timestamp' | 'timestamptz'
  | 'string' | 'uuid' | 'binary' | `decimal(${number},${number})` | `fixed[${number}]`;

export interface StructType {
  readonly type: 'struct';
  readonly fields: readonly NestedField[];
}

export interface ListType {
  readonly type: 'list';
  readonly 'element-id': number;
  readonly element: IcebergType;
  readonly 'element-required': boolean;
}

export interface MapType {
  readonly type: 'map';
  readonly 'key-id': number;
  readonly key: IcebergType;
  readonly 'value-id': number;
  readonly value: IcebergType;
  readonly 'value-required': boolean;
}

export type IcebergType = IcebergPrimitive | StructType | ListType | MapType;

export interface NestedField {
  readonly id: number;
  readonly name: string;
  readonly type: IcebergType;
  readonly required: boolean;
  readonly doc?: string;
}

export interface IcebergSchema extends StructType {
  readonly 'schema-id'?: number;
}

export interface PartitionField {
  readonly 'source-id': number;
  readonly 'field-id'?: number;
  readonly transform: string;
  readonly name: string;
}

export interface PartitionSpec {
  readonly 'spec-id'?: number;
  readonly fields: readonly PartitionField[];
}

export interface CreateTableRequest {
  readonly name: string;
  readonly schema: IcebergSchema;
  readonly 'partition-spec'?: PartitionSpec;
  readonly properties?: Readonly<Record<string, string>>;
}

/**
 * A snapshot id as the catalog client parses it: a number up to 2^53, a bigint above (other
 * writers pick random 63-bit ids), so one id always has one representation.
 */
export type SnapshotId = number | bigint;

/** A snapshot as table metadata lists it; the summary is where writers record what a commit holds. */
export interface Snapshot {
  readonly 'snapshot-id': SnapshotId;
  readonly 'parent-snapshot-id'?: SnapshotId;
  readonly 'sequence-number'?: number;
  readonly 'timestamp-ms': number;
  readonly 'manifest-list': string;
  readonly summary: Readonly<Record<string, string>> & { readonly operation: string };
  readonly 'schema-id'?: number;
}

export interface SnapshotReference {
  readonly 'snapshot-id': SnapshotId;
  readonly type: 'branch' | 'tag';
}

export interface TableMetadata {
  readonly 'format-version': number;
  readonly 'table-uuid': string;
  readonly location: string;
  readonly 'last-sequence-number'?: number;
  /** The highest field id any schema of the table ever assigned: new columns take ids above it. */
  readonly 'last-column-id': number;
  readonly schemas: readonly IcebergSchema[];
  readonly 'current-schema-id': number;
  readonly 'partition-specs': readonly PartitionSpec[];
  readonly 'default-spec-id': number;
  readonly 'last-partition-id'?: number;
  readonly properties?: Readonly<Record<string, string>>;
  readonly 'current-snapshot-id'?: SnapshotId | null;
  readonly snapshots?: readonly Snapshot[];
  readonly refs?: Readonly<Record<string, SnapshotReference>>;
}

export interface LoadTableResult {
  readonly 'metadata-location'?: string;
  readonly metadata: TableMetadata;
  readonly config?: Readonly<Record<string, string>>;
}

export interface TableIdentifier {
  readonly namespace: readonly string[];
  readonly name: string;
}

/** What must still hold of the table for a commit to apply (the REST spec's `TableRequirement`). */
export type TableRequirement =
  | { readonly type: 'assert-ref-snapshot-id'; readonly ref: string; readonly 'snapshot-id': SnapshotId | null }
  | { readonly type: 'assert-current-schema-id'; readonly 'current-schema-id': number }
  | { readonly type: 'assert-last-assigned-field-id'; readonly 'last-assigned-field-id': number }
  | { readonly type: 'assert-table-uuid'; readonly uuid: string };

/** The changes a commit applies (the REST spec's `TableUpdate`, the actions this project sends). */
export type TableUpdate =
  | { readonly action: 'add-snapshot'; readonly snapshot: Snapshot }
  | { readonly action: 'set-snapshot-ref'; readonly 'ref-name': string; readonly type: 'branch'; readonly 'snapshot-id': SnapshotId }
  | { readonly action: 'remove-snapshots'; readonly 'snapshot-ids': readonly SnapshotId[] }
  | { readonly action: 'add-schema'; readonly schema: IcebergSchema; readonly 'last-column-id': number }
  /** -1: the schema added by this commit. */
  | { readonly action: 'set-current-schema'; readonly 'schema-id': number };

export interface CommitTableRequest {
  readonly identifier: TableIdentifier;
  readonly requirements: readonly TableRequirement[];
  readonly updates: readonly TableUpdate[];
}

export interface CommitTableResponse {
  readonly 'metadata-location': string;
  readonly metadata: TableMetadata;
}
