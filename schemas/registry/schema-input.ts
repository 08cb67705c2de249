import { ConfluentError } from '../../errors/index.ts';
import type { SchemaReference } from './registry-records.ts';
import { registryErrors } from './registry-errors.ts';

/** The schema part of a register, lookup or compatibility request body. */
export interface SchemaInput {
  readonly schema: string;
  readonly references: readonly SchemaReference[];
  /** Only in IMPORT mode: the id and version the schema must get. */
  readonly id: number | undefined;
  readonly version: number | undefined;
}

export const SUPPORTED_SCHEMA_TYPES = ['AVRO'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPositiveInt = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

function optionalPositiveInt(body: Record<string, unknown>, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  // Confluent's clients send -1 or 0 for "none".
  if (value === -1 || value === 0) return undefined;
  if (!isPositiveInt(value)) throw new ConfluentError(422, 422, `Unrecognized ${field}: expected a positive integer`);
  return value;
}

function references(value: unknown): SchemaReference[] {
  if (value === undefined || value === null) return [];
  const valid =
    Array.isArray(value) &&
    value.every((r) => isObject(r) && typeof r.name === 'string' && typeof r.subject === 'string' && isPositiveInt(r.version));
  if (!valid) {
    throw registryErrors.invalidSchema('Invalid schema references: expected a list of {"name","subject","version"} with a version >= 1');
  }
  return (value as SchemaReference[]).map((r) => ({ name: r.name, subject: r.subject, version: r.version }));
}

/** Validates a request body (`{"schema":..,"schemaType":..,"references":[..]}`); 42201 for a bad schema part. */
export function schemaInput(body: unknown): SchemaInput {
  if (!isObject(body)) throw new ConfluentError(422, 422, 'Unrecognized request body: expected a JSON object');
  const schemaType = body.schemaType ?? 'AVRO';
  if (schemaType !== 'AVRO') {
    const shown = typeof schemaType === 'string' ? schemaType : JSON.stringify(schemaType);
    throw registryErrors.invalidSchema(`Invalid schema type ${shown}: this registry supports AVRO schemas only`);
  }
  if (typeof body.schema !== 'string' || body.schema.trim() === '') throw registryErrors.invalidSchema('Empty schema');
  return {
    schema: body.schema,
    references: references(body.references),
    id: optionalPositiveInt(body, 'id'),
    version: optionalPositiveInt(body, 'version'),
  };
}
