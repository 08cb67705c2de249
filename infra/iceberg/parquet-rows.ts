import * as arrow from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import type { IcebergSchema, IcebergType, NestedField } from './iceberg-types.ts';

const msPerDay = 86_400_000;

/**
 * The rows of a Parquet data file in the row convention of avro-to-iceberg-schema.ts (the one
 * parquet-data-file.ts writes), read by parquet-wasm into Arrow. Columns are matched by their
 * Iceberg field id (`PARQUET:field_id`), by name when a file has none; a column the file lacks
 * (added to the table after the file was written) reads as null.
 */
export function readParquetRows(schema: IcebergSchema, bytes: Uint8Array): Record<string, unknown>[] {
  const table = arrow.tableFromIPC(readParquet(bytes).intoIPCStream());
  const columns = schema.fields.map((field) => ({ field, vector: table.getChildAt(columnIndex(table.schema.fields, field)) }));
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const { field, vector } of columns) row[field.name] = vector === null ? null : fromArrow(field.type, vector.get(i));
    rows.push(row);
  }
  return rows;
}

function columnIndex(fields: readonly arrow.Field[], field: NestedField): number {
  const byId = fields.findIndex((candidate) => candidate.metadata.get('PARQUET:field_id') === String(field.id));
  return byId >= 0 ? byId : fields.findIndex((candidate) => candidate.name === field.name);
}

function structFrom(fields: readonly NestedField[], value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.name, fromArrow(field.type, value[field.name])]));
}

/** An Arrow value back into the row convention: numbers for longs, epoch-ms timestamps, days for dates, Buffers for bytes. */
function fromArrow(type: IcebergType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof type !== 'string') {
    switch (type.type) {
      case 'struct':
        return structFrom(type.fields, value as Record<string, unknown>);
      case 'list':
        return [...(value as Iterable<unknown>)].map((element) => fromArrow(type.element, element));
      case 'map':
        return Object.fromEntries([...(value as Iterable<[string, unknown]>)].map(([key, element]) => [key, fromArrow(type.value, element)]));
    }
  }
  if (type === 'long') return Number(value);
  if (type === 'date') return Math.round(Number(value) / msPerDay);
  if (type === 'time') return Number(value) / 1000;
  if (type === 'binary' || type.startsWith('fixed')) return Buffer.from(value as Uint8Array);
  if (type.startsWith('decimal')) return unscaledBytes(value as Uint32Array);
  return value;
}

/** Arrow's 128-bit little-endian words as Avro's big-endian unscaled bytes (all 16: the value is the same). */
function unscaledBytes(words: Uint32Array): Buffer {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) bytes.writeUInt32BE(words[i] ?? 0, 12 - i * 4);
  return bytes;
}
