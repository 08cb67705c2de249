import { IcebergTableError } from '../../errors/index.ts';
import type { IcebergType } from './iceberg-types.ts';

const msPerDay = 86_400_000;

/**
 * The partition transforms this project writes: `identity` (any primitive column) and `day`
 * (a timestamptz or date column into days since the epoch, whose result type is `date`).
 * Values follow the row convention of avro-to-iceberg-schema.ts: timestamps in epoch milliseconds.
 */
export type Transform = 'identity' | 'day';

export function transformResultType(transform: string, source: IcebergType): IcebergType {
  if (transform === 'identity') return source;
  if (transform === 'day') return 'date';
  throw new IcebergTableError(`partition transform ${transform} is not supported by this writer`);
}

export function applyTransform(transform: string, source: IcebergType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (transform === 'identity') return value;
  if (transform === 'day') return source === 'date' ? Number(value) : Math.floor(Number(value) / msPerDay);
  throw new IcebergTableError(`partition transform ${transform} is not supported by this writer`);
}
