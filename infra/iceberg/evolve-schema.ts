import { CatalogError, SchemaMismatchError } from '../../errors/index.ts';
import { retry } from '../retry.ts';
import type { IcebergRestCatalog } from './iceberg-rest-catalog.ts';
import type { IcebergPrimitive, IcebergSchema, IcebergType, NestedField, TableIdentifier, TableMetadata } from './iceberg-types.ts';
import { currentSchema } from './table-metadata.ts';

/** A table schema grown to cover another, and the table's new highest field id. */
export interface EvolvedSchema {
  readonly schema: IcebergSchema;
  readonly lastColumnId: number;
}

/**
 * The table schema `current` grown to take the rows of `wanted` (fresh ids, as
 * avro-to-iceberg-schema.ts gives them), or undefined when it already does. Fields are matched by
 * name, at every level of nesting, so a column keeps its field id for good and data files written
 * before stay readable. Of Iceberg's schema changes, those an Avro subject's backward-compatible
 * versions need: a new field becomes a new optional column with ids above `lastColumnId` (old
 * rows read it as null), a required column that `wanted` has optional becomes optional, and int
 * widens to long, float to double, decimal(P,S) to a larger P. A field only `current` has stays,
 * made optional, as new rows lack it (Iceberg never reuses its id). Any other type change is refused.
 */
export function evolvedSchema(current: IcebergSchema, wanted: IcebergSchema, lastColumnId: number): EvolvedSchema | undefined {
  const ids = { last: lastColumnId };
  const fields = mergeFields(current.fields, wanted.fields, ids, '');
  if (JSON.stringify(fields) === JSON.stringify(current.fields)) return undefined;
  return { schema: { type: 'struct', 'schema-id': (current['schema-id'] ?? 0) + 1, fields }, lastColumnId: ids.last };
}

/**
 * Commits `wanted`'s new columns to the table (REST updates add-schema and set-current-schema,
 * asserting the schema and last field id it was built on; on a conflict, built again on the new
 * head) and returns the table's metadata, unchanged when it already covered `wanted`.
 */
export async function evolveTable(catalog: IcebergRestCatalog, id: TableIdentifier, wanted: IcebergSchema): Promise<TableMetadata> {
  return retry(
    async () => {
      const metadata = (await catalog.loadTable(id)).metadata;
      const evolved = evolvedSchema(currentSchema(metadata), wanted, metadata['last-column-id']);
      if (evolved === undefined) return metadata;
      const committed = await catalog.commitTable(
        id,
        [
          { type: 'assert-current-schema-id', 'current-schema-id': metadata['current-schema-id'] },
          { type: 'assert-last-assigned-field-id', 'last-assigned-field-id': metadata['last-column-id'] },
        ],
        [
          { action: 'add-schema', schema: { ...evolved.schema, 'schema-id': nextSchemaId(metadata) }, 'last-column-id': evolved.lastColumnId },
          { action: 'set-current-schema', 'schema-id': -1 },
        ],
      );
      return committed.metadata;
    },
    // A 409 is another writer's schema or snapshot commit: evolve again from the new head.
    { retries: 10, initialDelayMs: 50, maxDelayMs: 1_000, isRetriable: (error) => error instanceof CatalogError && (error.status === 409 || error.retriable) },
  );
}

function nextSchemaId(metadata: TableMetadata): number {
  return Math.max(...metadata.schemas.map((schema) => schema['schema-id'] ?? 0)) + 1;
}

interface IdCounter {
  last: number;
}

function mergeFields(current: readonly NestedField[], wanted: readonly NestedField[], ids: IdCounter, path: string): NestedField[] {
  const byName = new Map(wanted.map((field) => [field.name, field]));
  const merged = current.map((field): NestedField => {
    const match = byName.get(field.name);
    if (match === undefined) return { ...field, required: false };
    return { ...field, type: mergeType(field.type, match.type, ids, `${path}${field.name}`), required: field.required && match.required };
  });
  const known = new Set(current.map((field) => field.name));
  const added = wanted
    .filter((field) => !known.has(field.name))
    .map((field): NestedField => ({ ...field, id: ++ids.last, type: withFreshIds(field.type, ids), required: false }));
  return [...merged, ...added];
}

function mergeType(current: IcebergType, wanted: IcebergType, ids: IdCounter, path: string): IcebergType {
  if (typeof current === 'string' || typeof wanted === 'string') {
    if (typeof current === 'string' && typeof wanted === 'string' && (current === wanted || widens(current, wanted))) return wanted;
    throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `column ${path} is ${describe(current)} in the table and cannot become ${describe(wanted)}`, { paths: [path] });
  }
  if (current.type === 'struct' && wanted.type === 'struct') return { type: 'struct', fields: mergeFields(current.fields, wanted.fields, ids, `${path}.`) };
  if (current.type === 'list' && wanted.type === 'list') {
    return { ...current, element: mergeType(current.element, wanted.element, ids, `${path}.element`), 'element-required': current['element-required'] && wanted['element-required'] };
  }
  if (current.type === 'map' && wanted.type === 'map') {
    return { ...current, value: mergeType(current.value, wanted.value, ids, `${path}.value`), 'value-required': current['value-required'] && wanted['value-required'] };
  }
  throw new SchemaMismatchError('INCOMPATIBLE_SCHEMA', `column ${path} is ${describe(current)} in the table and cannot become ${describe(wanted)}`, { paths: [path] });
}

/** Iceberg's allowed type promotions. */
function widens(from: IcebergPrimitive, to: IcebergPrimitive): boolean {
  if (from === 'int' && to === 'long') return true;
  if (from === 'float' && to === 'double') return true;
  const [a, b] = [decimal(from), decimal(to)];
  return a !== undefined && b !== undefined && a.scale === b.scale && b.precision > a.precision;
}

function decimal(type: IcebergPrimitive): { precision: number; scale: number } | undefined {
  const match = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  return match === null ? undefined : { precision: Number(match[1]), scale: Number(match[2]) };
}

/** A new column's type with ids above the table's, in the order avro-to-iceberg-schema.ts numbers them. */
function withFreshIds(type: IcebergType, ids: IdCounter): IcebergType {
  if (typeof type === 'string') return type;
  switch (type.type) {
    case 'struct': {
      const own = type.fields.map((field) => ({ field, id: ++ids.last }));
      return { type: 'struct', fields: own.map(({ field, id }) => ({ ...field, id, type: withFreshIds(field.type, ids) })) };
    }
    case 'list': {
      const elementId = ++ids.last;
      return { ...type, 'element-id': elementId, element: withFreshIds(type.element, ids) };
    }
    case 'map': {
      const keyId = ++ids.last;
      const valueId = ++ids.last;
      return { ...type, 'key-id': keyId, 'value-id': valueId, value: withFreshIds(type.value, ids) };
    }
  }
}

function describe(type: IcebergType): string {
  return typeof type === 'string' ? type : type.type;
}
