import murmur3 from 'murmurhash3js-revisited';
import { IcebergTableError } from '../../errors/index.ts';
import type { IcebergType } from './iceberg-types.ts';
import { encodeSingleValue } from './single-value-encoding.ts';

const msPerDay = 86_400_000;
const bucketPattern = /^bucket\[(\d+)\]$/;

/**
 * The partition transforms this project writes: `identity` (any primitive column), `day` (a
 * timestamptz or date column into days since the epoch, whose result type is `date`) and
 * `bucket[N]` (the spec's hash bucket, result type `int`). Values follow the row convention of
 * avro-to-iceberg-schema.ts: timestamps and times in epoch milliseconds, decimals as Avro bytes.
 */
export type Transform = 'identity' | 'day' | `bucket[${number}]`;

export function transformResultType(transform: string, source: IcebergType): IcebergType {
  if (transform === 'identity') return source;
  if (transform === 'day') return 'date';
  if (bucketPattern.test(transform)) return 'int';
  throw new IcebergTableError(`partition transform ${transform} is not supported by this writer`);
}

export function applyTransform(transform: string, source: IcebergType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (transform === 'identity') return value;
  if (transform === 'day') return source === 'date' ? Number(value) : Math.floor(Number(value) / msPerDay);
  const bucket = bucketPattern.exec(transform);
  if (bucket !== null) return bucketOf(source, value, Number(bucket[1]));
  throw new IcebergTableError(`partition transform ${transform} is not supported by this writer`);
}

/** The spec's bucket transform: `(murmur3_x86_32(bytes) & Integer.MAX_VALUE) % n`, seed 0. */
export function bucketOf(source: IcebergType, value: unknown, n: number): number {
  return (bucketHash(source, value) & 0x7fffffff) % n;
}

/**
 * The spec's 32-bit hash of a value (Appendix B), signed as Java gives it: murmur3_x86_32 (from
 * murmurhash3js-revisited, which hashes bytes as the reference implementation does) of the value's
 * hash encoding: the bound encoding (single-value-encoding.ts), except that ints and dates hash as
 * 8-byte longs, decimals as their minimal unscaled bytes and uuids as their 16 bytes.
 */
export function bucketHash(source: IcebergType, value: unknown): number {
  return murmur3.x86.hash32(hashBytes(source, value)) | 0;
}

function hashBytes(source: IcebergType, value: unknown): Uint8Array {
  if (typeof source !== 'string' || source === 'boolean' || source === 'float' || source === 'double') {
    throw new IcebergTableError(`the bucket transform does not take ${JSON.stringify(source)} columns`);
  }
  if (source === 'int' || source === 'date') return encodeSingleValue('long', value);
  if (source === 'uuid') return Buffer.from(String(value).replaceAll('-', ''), 'hex');
  if (source.startsWith('decimal')) return minimalTwosComplement(value as Uint8Array);
  return encodeSingleValue(source, value);
}

/** Drops sign-extension bytes: the spec hashes a decimal's unscaled value in the fewest bytes that hold it. */
function minimalTwosComplement(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1) {
    const [lead, next] = [bytes[start] ?? 0, bytes[start + 1] ?? 0];
    const redundant = (lead === 0x00 && (next & 0x80) === 0) || (lead === 0xff && (next & 0x80) !== 0);
    if (!redundant) break;
    start++;
  }
  return bytes.subarray(start);
}
