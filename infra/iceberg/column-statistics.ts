import type { IcebergPrimitive, IcebergSchema, NestedField } from './iceberg-types.ts';
import { compareValues, encodeSingleValue, truncateLower, truncateUpper } from './single-value-encoding.ts';

/** What a manifest's data file entry says of one column, so engines can prune without opening the file. */
export interface ColumnStatistics {
  readonly valueCount: number;
  readonly nullCount: number;
  /** Only for float and double columns. */
  readonly nanCount?: number;
  readonly lower?: Buffer;
  readonly upper?: Buffer;
}

/**
 * Counts and bounds of every primitive column reachable through structs (the columns a filter can
 * name); columns inside lists and maps get none, which the spec allows and readers treat as unknown.
 */
export function columnStatistics(schema: IcebergSchema, rows: readonly Readonly<Record<string, unknown>>[]): Map<number, ColumnStatistics> {
  const statistics = new Map<number, ColumnStatistics>();
  const visit = (fields: readonly NestedField[], values: readonly unknown[]): void => {
    for (const field of fields) {
      const column = values.map((value) => (value === null || value === undefined ? null : (value as Record<string, unknown>)[field.name] ?? null));
      if (typeof field.type === 'string') statistics.set(field.id, primitiveStatistics(field.type, column));
      else if (field.type.type === 'struct') visit(field.type.fields, column);
    }
  };
  visit(schema.fields, rows);
  return statistics;
}

function primitiveStatistics(type: IcebergPrimitive, column: readonly unknown[]): ColumnStatistics {
  const floating = type === 'float' || type === 'double';
  let nullCount = 0;
  let nanCount = 0;
  let min: unknown;
  let max: unknown;
  for (const value of column) {
    if (value === null) nullCount++;
    else if (floating && Number.isNaN(value)) nanCount++;
    else {
      if (min === undefined || compareValues(type, value, min) < 0) min = value;
      if (max === undefined || compareValues(type, value, max) > 0) max = value;
    }
  }
  return {
    valueCount: column.length,
    nullCount,
    ...(floating ? { nanCount } : {}),
    ...bounds(type, min, max),
  };
}

function bounds(type: IcebergPrimitive, min: unknown, max: unknown): { lower?: Buffer; upper?: Buffer } {
  if (min === undefined) return {};
  if (type !== 'string') return { lower: encodeSingleValue(type, min), upper: encodeSingleValue(type, max) };
  const upper = truncateUpper(max as string);
  return { lower: encodeSingleValue(type, truncateLower(min as string)), ...(upper === undefined ? {} : { upper: encodeSingleValue(type, upper) }) };
}
