import { IcebergTableError } from '../../errors/index.ts';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import avro from 'avsc';

/**
 * Avro object container files as Iceberg's manifests and manifest lists use them. The header's
 * `avro.schema` is the schema JSON exactly as given, because Iceberg readers match fields by the
 * `field-id`, `element-id`, `key-id` and `value-id` attributes in it, and avsc's `Type.forSchema`
 * drops such attributes when it prints a schema back. Records are encoded and decoded by avsc,
 * with Avro longs as bigints: snapshot ids span the full 64 bits.
 */
export function writeAvroContainer(schema: object, records: readonly unknown[], metadata: Readonly<Record<string, string>>): Buffer {
  const type = avro.Type.forSchema(schema as avro.Schema, { registry: { long: bigintLong } });
  const sync = randomBytes(16);
  const meta: Record<string, Buffer> = { 'avro.schema': Buffer.from(JSON.stringify(schema)), 'avro.codec': Buffer.from('deflate') };
  for (const [key, value] of Object.entries(metadata)) meta[key] = Buffer.from(value);
  const header = headerType.toBuffer({ magic, meta, sync });
  const body = deflateRawSync(Buffer.concat(records.map((record) => type.toBuffer(record))));
  return Buffer.concat([header, countType.toBuffer(records.length), countType.toBuffer(body.length), body, sync]);
}

/** The records of an Avro container file, decoded with the schema its header carries. */
export function readAvroContainer(bytes: Buffer): { records: Record<string, unknown>[]; metadata: Record<string, string> } {
  const decodedHeader = headerType.decode(bytes, 0);
  const header = decodedHeader.value as Header;
  const start = decodedHeader.offset;
  const metadata = Object.fromEntries(Object.entries(header.meta).map(([key, value]) => [key, value.toString()]));
  const type = avro.Type.forSchema(JSON.parse(metadata['avro.schema'] ?? '"null"') as avro.Schema, { registry: { long: bigintLong } });
  const codec = metadata['avro.codec'] ?? 'null';
  if (codec !== 'null' && codec !== 'deflate') throw new IcebergTableError(`Avro codec ${codec} is not read here`);
  const records: Record<string, unknown>[] = [];
  for (let offset = start; offset < bytes.length; ) {
    const count = countType.decode(bytes, offset);
    const size = countType.decode(bytes, count.offset);
    const raw = bytes.subarray(size.offset, size.offset + Number(size.value));
    const block = codec === 'deflate' ? inflateRawSync(raw) : raw;
    for (let position = 0, n = 0; n < Number(count.value); n++) {
      const decoded = type.decode(block, position);
      records.push(decoded.value as Record<string, unknown>);
      position = decoded.offset;
    }
    offset = size.offset + Number(size.value) + 16;
  }
  return { records, metadata };
}

interface Header {
  readonly meta: Record<string, Buffer>;
}

const magic = Buffer.from('Obj\u0001', 'latin1');

const headerType = avro.Type.forSchema({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
});

const countType = avro.Type.forSchema('long');

const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(value);
    return buffer;
  },
  fromJSON: (value: number) => BigInt(value),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});
