import { IcebergTableError } from '../../errors/index.ts';
import type { IcebergSchema, PartitionSpec } from './iceberg-types.ts';
import type { Transform } from './partition-transforms.ts';

/** Partition field ids start at 1000, as the spec's v1 compatibility rule and every writer number them. */
const firstPartitionFieldId = 1000;

/**
 * A partition spec for a new table: one field per (top-level column, transform), named as
 * Iceberg's writers name them (`<column>_day`, `<column>_bucket`, or the column itself for identity).
 */
export function partitionSpec(schema: IcebergSchema, fields: readonly { readonly column: string; readonly transform: Transform }[]): PartitionSpec {
  return {
    'spec-id': 0,
    fields: fields.map(({ column, transform }, index) => {
      const source = schema.fields.find((field) => field.name === column);
      if (source === undefined) throw new IcebergTableError(`partition column ${column} is not in the schema`);
      return {
        'source-id': source.id,
        'field-id': firstPartitionFieldId + index,
        transform,
        name: transform === 'identity' ? column : `${column}_${transform.replace(/\[\d+\]$/, '')}`,
      };
    }),
  };
}
