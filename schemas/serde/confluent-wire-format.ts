import type avro from 'avsc';
import { SchemaMismatchError, WireFormatError, type ErrorLocation } from '../../errors/index.ts';

/** First byte of every Confluent-framed record: the version of the framing. */
export const MAGIC_BYTE = 0;
/** Magic byte plus the 4-byte big-endian schema id. */
export const HEADER_SIZE = 5;

/** A framed record taken apart: the writer's schema id and the Avro binary body. */
export interface ConfluentFrame {
  readonly schemaId: number;
  readonly body: Buffer;
}

/** Frames `value`, encoded with `type`, as Confluent serializers do: 0, schema id, Avro body. */
export function encodeConfluent(schemaId: number, type: avro.Type, value: unknown): Buffer {
  let body: Buffer;
  try {
    body = type.toBuffer(value);
  } catch (cause) {
    const paths = invalidPaths(type, value);
    throw new SchemaMismatchError('INVALID_VALUE', `value does not match ${type.name ?? type.typeName}: ${paths.join(', ')}`, {
      paths,
      cause,
    });
  }
  const framed = Buffer.allocUnsafe(HEADER_SIZE + body.length);
  framed.writeUInt8(MAGIC_BYTE, 0);
  // Signed, as Java's ByteBuffer.putInt writes it; ids are positive, so it reads the same either way.
  framed.writeInt32BE(schemaId, 1);
  body.copy(framed, HEADER_SIZE);
  return framed;
}

/** Splits framed bytes; the body is a view on `bytes`, not a copy. */
export function decodeConfluent(bytes: Uint8Array, location: ErrorLocation = {}): ConfluentFrame {
  const buffer = asBuffer(bytes);
  return { schemaId: confluentSchemaId(buffer, location), body: buffer.subarray(HEADER_SIZE) };
}

/**
 * The writer's schema id of framed bytes, the framing checked as `decodeConfluent` checks it, with
 * nothing allocated: the hot path reads the body in place from HEADER_SIZE.
 */
export function confluentSchemaId(buffer: Buffer, location: ErrorLocation = {}): number {
  if (buffer.length === 0) throw new WireFormatError('TRUNCATED', 'empty record: no Confluent header', { location });
  const magic = buffer.readUInt8(0);
  if (magic !== MAGIC_BYTE) {
    throw new WireFormatError(
      'BAD_MAGIC_BYTE',
      `first byte is 0x${magic.toString(16).padStart(2, '0')}, not 0x00: not written by a Confluent Avro serializer`,
      { location },
    );
  }
  if (buffer.length < HEADER_SIZE) {
    throw new WireFormatError('TRUNCATED', `record of ${buffer.length} bytes is shorter than the ${HEADER_SIZE}-byte Confluent header`, {
      location,
    });
  }
  return buffer.readInt32BE(1);
}

/** `bytes` as a Buffer: itself when it is one (what both drivers hand over), else a view, never a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function invalidPaths(type: avro.Type, value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, {
    errorHook: (path: string[], got: unknown) => {
      paths.push(`${path.length === 0 ? '(record)' : path.join('.')} (got ${describe(got)})`);
    },
  });
  return paths;
}

// Kinds, not contents: messages end up in logs and dead letters, and values may hold personal data.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `number ${value}`;
  return typeof value;
}
