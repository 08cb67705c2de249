import { IcebergTableError } from '../../errors/index.ts';
import * as arrow from 'apache-arrow';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/node';
import type { IcebergSchema, IcebergType, NestedField } from './iceberg-types.ts';

const msPerDay = 86_400_000;

/**
 * Rows (in the row convention of avro-to-iceberg-schema.ts) as a zstd-compressed Parquet file,
 * written by parquet-wasm (the Rust `parquet` crate) from an Arrow table. Every column carries its
 * Iceberg field id through the Arrow field metadata key `PARQUET:field_id`, which is how readers
 * match Parquet columns to table columns after renames.
 */
export function writeParquetDataFile(schema: IcebergSchema, rows: readonly Readonly<Record<string, unknown>>[]): Uint8Array {
  const fields = schema.fields.map(arrowField);
  const builder = arrow.makeBuilder({ type: new arrow.Struct(fields), nullValues: [null, undefined] });
  for (const row of rows) builder.append(convertStruct(schema.fields, row) as never);
  const batch = new arrow.RecordBatch(new arrow.Schema(fields), builder.finish().flush());
  const table = WasmTable.fromIPCStream(arrow.tableToIPC(new arrow.Table([batch]), 'stream'));
  return writeParquet(table, new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build());
}

function arrowField(field: NestedField): arrow.Field {
  return withId(field.name, arrowType(field.type), !field.required, field.id);
}

function withId(name: string, type: arrow.DataType, nullable: boolean, id: number): arrow.Field {
  return new arrow.Field(name, type, nullable, new Map([['PARQUET:field_id', String(id)]]));
}

function arrowType(type: IcebergType): arrow.DataType {
  if (typeof type !== 'string') {
    switch (type.type) {
      case 'struct':
        return new arrow.Struct(type.fields.map(arrowField));
      case 'list':
        return new arrow.List(withId('element', arrowType(type.element), !type['element-required'], type['element-id']));
      case 'map':
        return new arrow.Map_(
          new arrow.Field(
            'key_value',
            new arrow.Struct([
              withId('key', arrowType(type.key), false, type['key-id']),
              withId('value', arrowType(type.value), !type['value-required'], type['value-id']),
            ]),
            false,
          ) as never,
        );
    }
  }
  switch (type) {
    case 'boolean':
      return new arrow.Bool();
    case 'int':
      return new arrow.Int32();
    case 'long':
      return new arrow.Int64();
    case 'float':
      return new arrow.Float32();
    case 'double':
      return new arrow.Float64();
    case 'date':
      return new arrow.DateDay();
    case 'time':
      return new arrow.TimeMicrosecond();
    case 'timestamp':
      return new arrow.TimestampMicrosecond();
    case 'timestamptz':
      return new arrow.TimestampMicrosecond('UTC');
    case 'string':
    case 'uuid':
      return new arrow.Utf8();
    case 'binary':
      return new arrow.Binary();
  }
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal !== null) return new arrow.Decimal(Number(decimal[2]), Number(decimal[1]), 128);
  const fixed = /^fixed\[(\d+)\]$/.exec(type);
  if (fixed !== null) return new arrow.FixedSizeBinary(Number(fixed[1]));
  throw new IcebergTableError(`Iceberg type ${type} has no Arrow type here`);
}

function convertStruct(fields: readonly NestedField[], row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field.name] = convert(field.type, row[field.name]);
  return out;
}

/** A row value into what Arrow's builders take: bigint longs, epoch-ms dates, 128-bit decimals, Maps. */
function convert(type: IcebergType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof type !== 'string') {
    switch (type.type) {
      case 'struct':
        return convertStruct(type.fields, value as Record<string, unknown>);
      case 'list':
        return (value as unknown[]).map((element) => convert(type.element, element));
      case 'map':
        return new Map(Object.entries(value as Record<string, unknown>).map(([key, element]) => [key, convert(type.value, element)]));
    }
  }
  if (type === 'long') return BigInt(value as number | bigint);
  if (type === 'date') return Number(value) * msPerDay;
  if (type === 'time') return BigInt(value as number) * 1000n;
  if (type.startsWith('decimal')) return decimal128(value as Uint8Array);
  return value;
}

/** Avro's big-endian unscaled bytes as Arrow's 128-bit little-endian words. */
function decimal128(bytes: Uint8Array): Uint32Array {
  const negative = ((bytes[0] ?? 0) & 0x80) !== 0;
  const wide = new Uint8Array(16).fill(negative ? 0xff : 0);
  wide.set(bytes, 16 - bytes.length);
  const words = new Uint32Array(4);
  const view = new DataView(wide.buffer);
  for (let i = 0; i < 4; i++) words[i] = view.getUint32(12 - i * 4, false);
  return words;
}
