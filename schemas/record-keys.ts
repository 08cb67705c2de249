import { parseAvroSchema, type AvroSchema } from './avro-schema.ts';
import type { SchemaName, SchemaValues } from './types/schema-values.ts';

/**
 * Every Avro-keyed topic uses the primitive `"string"` schema for its key, in the Confluent wire
 * format and registered under `<topic>-key`: the ASIN for product-keyed topics, the order id for
 * order topics. Not a `ProductKey` record on purpose: a record key could later gain a field with a
 * default, which the registry calls compatible, yet the key bytes would change and records of the
 * same product would hash to other partitions and escape compaction. A primitive cannot evolve.
 */
export const KEY_SCHEMA: AvroSchema<string> = parseAvroSchema('"string"') as AvroSchema<string>;

/**
 * The value field that is the record key, for the entity-keyed schemas. Window aggregates key by
 * `metric|key|window_start` and dead letters keep the original key bytes (see their .avsc docs).
 */
export const KEY_FIELDS = {
  'sales-order': 'order_id',
  'enriched-order': 'order_id',
  'catalog-product': 'asin',
  'crawled-product-page': 'asin',
  'crawled-review': 'asin',
  'marketplace-observation': 'asin',
  'enriched-observation': 'asin',
} as const satisfies { readonly [N in SchemaName]?: keyof SchemaValues[N] & string };

