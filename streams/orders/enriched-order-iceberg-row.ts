import { RowRejectedError } from '../../errors/index.ts';
import type { IcebergSchema } from '../../infra/iceberg/iceberg-types.ts';
import type { EnrichedOrder } from '../../schemas/types/enriched-order.ts';

// Integer columns as Parquet stores them: a value outside the type, or not whole, would fail the file.
const integerRange: Readonly<Record<string, readonly [number, number]>> = {
  int: [-(2 ** 31), 2 ** 31 - 1],
  date: [-(2 ** 31), 2 ** 31 - 1],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  timestamptz: [Number.MIN_SAFE_INTEGER / 1000, Number.MAX_SAFE_INTEGER / 1000],
};

/**
 * An enriched order as a row of the silver Iceberg table, whose columns are the Avro fields (the
 * decoded values already follow the table's row convention). A value the table cannot take (a
 * required column empty, an integer column's value not a whole number in its type's range) throws
 * RowRejectedError naming the table and column, so the order is dead-lettered, not the batch failed.
 */
export function enrichedOrderIcebergRow(table: string, schema: IcebergSchema, order: EnrichedOrder): Record<string, unknown> {
  const row = order as unknown as Record<string, unknown>;
  for (const field of schema.fields) {
    const value = row[field.name];
    if (value === null || value === undefined) {
      if (field.required) throw new RowRejectedError(table, field.name, 'is required but empty');
      continue;
    }
    const type = typeof field.type === 'string' ? field.type : undefined;
    const range = type === undefined ? undefined : integerRange[type];
    if (range !== undefined && !(Number.isInteger(value) && (value as number) >= range[0] && (value as number) <= range[1])) {
      throw new RowRejectedError(table, field.name, `${JSON.stringify(value)} is not a whole number a ${type} column holds`);
    }
  }
  return row;
}
