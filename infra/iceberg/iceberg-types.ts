/** The parts of the Iceberg REST OpenAPI models this project reads and writes, with the spec's field names. */

export type IcebergPrimitive =
  | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'date' | 'time' | 'timestamp' | 'timestamptz'
  | 'string' | 'uuid' | 'binary' | `decimal(${number},${number})` | `fixed[${number}]`;

export interface NestedField {
  readonly id: number;
  readonly name: string;
  readonly type: IcebergPrimitive;
  readonly required: boolean;
  readonly doc?: string;
}

export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id'?: number;
  readonly fields: readonly NestedField[];
}

export interface PartitionSpec {
  readonly 'spec-id'?: number;
  readonly fields: readonly { readonly 'source-id': number; readonly 'field-id'?: number; readonly transform: string; readonly name: string }[];
}

export interface CreateTableRequest {
  readonly name: string;
  readonly schema: IcebergSchema;
  readonly 'partition-spec'?: PartitionSpec;
  readonly properties?: Readonly<Record<string, string>>;
}

export interface TableMetadata {
  readonly 'format-version': number;
  readonly 'table-uuid': string;
  readonly location: string;
  readonly schemas: readonly IcebergSchema[];
  readonly 'current-schema-id': number;
  readonly properties?: Readonly<Record<string, string>>;
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
