import type { IcebergPrimitive } from './iceberg-types.ts';

/**
 * A value in the spec's binary single-value serialization (Appendix D), as manifests store
 * lower and upper bounds: little-endian numbers, timestamps and times in microseconds, UTF-8
 * strings, decimals as their unscaled big-endian two's complement. Values follow the row
 * convention of avro-to-iceberg-schema.ts (timestamps in milliseconds, decimals as Avro bytes).
 */
export function encodeSingleValue(type: IcebergPrimitive, value: unknown): Buffer {
  switch (type) {
    case 'boolean':
      return Buffer.from([value === true ? 1 : 0]);
    case 'int':
    case 'date':
      return int32(Number(value));
    case 'long':
      return int64(BigInt(value as number | bigint));
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return int64(BigInt(value as number | bigint) * 1000n);
    case 'float': {
      const buffer = Buffer.alloc(4);
      buffer.writeFloatLE(Number(value));
      return buffer;
    }
    case 'double': {
      const buffer = Buffer.alloc(8);
      buffer.writeDoubleLE(Number(value));
      return buffer;
    }
    case 'string':
    case 'uuid':
      return Buffer.from(String(value), 'utf8');
    default:
      return Buffer.from(value as Uint8Array);
  }
}

/** Orders two non-null values of one type the way Iceberg compares them for bounds. */
export function compareValues(type: IcebergPrimitive, a: unknown, b: unknown): number {
  switch (type) {
    case 'boolean':
      return Number(a) - Number(b);
    case 'long':
    case 'time':
    case 'timestamp':
    case 'timestamptz': {
      const x = BigInt(a as number | bigint);
      const y = BigInt(b as number | bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'string':
    case 'uuid':
      return Buffer.compare(Buffer.from(String(a), 'utf8'), Buffer.from(String(b), 'utf8'));
    default:
      if (type.startsWith('decimal')) return compareUnscaled(a as Uint8Array, b as Uint8Array);
      if (typeof a === 'number') return a - (b as number);
      return Buffer.compare(Buffer.from(a as Uint8Array), Buffer.from(b as Uint8Array));
  }
}

/** Bounds of strings are cut to this many code points, as Iceberg's writers do by default (`truncate(16)`). */
const boundLength = 16;

/** A string lower bound: its prefix, which sorts no later than the value. */
export function truncateLower(value: string): string {
  return String.fromCodePoint(...codePoints(value).slice(0, boundLength));
}

/** A string upper bound: the prefix with its last code point raised, or undefined when none can be. */
export function truncateUpper(value: string): string | undefined {
  const points = codePoints(value);
  if (points.length <= boundLength) return value;
  const prefix = points.slice(0, boundLength);
  for (let i = prefix.length - 1; i >= 0; i--) {
    const next = (prefix[i] ?? 0) + 1;
    if (next <= 0x10ffff && !(next >= 0xd800 && next <= 0xdfff)) return String.fromCodePoint(...prefix.slice(0, i), next);
  }
  return undefined;
}

export function decimalToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return ((bytes[0] ?? 0) & 0x80) === 0 ? value : value - (1n << BigInt(bytes.length * 8));
}

function codePoints(value: string): number[] {
  return Array.from(value, (character) => character.codePointAt(0) ?? 0);
}

function compareUnscaled(a: Uint8Array, b: Uint8Array): number {
  const x = decimalToBigInt(a);
  const y = decimalToBigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
}

function int64(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64LE(value);
  return buffer;
}
