import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';
import { PRODUCT_COLUMNS, parseProductRow, type ProductColumn } from './product-row.ts';
import { listingEventTime, salesEventTime } from './replay-event-time.ts';
import type { RowPosition } from './row-position.ts';
import { SALES_COLUMNS, SALES_CSV_CURRENCY, type SalesColumn } from './sales-csv-format.ts';
import { parseSalesRow } from './sales-row.ts';

export type ReplayKindName = 'sales' | 'products';

/** A row made into a record: its key, Avro value and event time (null: the file's time stands in). */
export interface ReplayedRow<T> {
  readonly key: string;
  readonly value: T;
  readonly eventTime: number | null;
  /** Values the record carries as null because they could not be read. */
  readonly nulledValues: number;
}

/** What one kind of file is: its columns, its record schema, and how a row becomes a record. */
export interface ReplayKind<C extends string, T> {
  readonly name: ReplayKindName;
  readonly columns: readonly C[];
  readonly schema: AvroSchema<T>;
  /** Throws RowError when the row cannot become a record. */
  parse(values: Readonly<Record<C, string>>, at: RowPosition): ReplayedRow<T>;
}

/** Sales orders (SalesOrder keyed by order id), amounts read in `currency`. */
export function salesKind(currency = SALES_CSV_CURRENCY): ReplayKind<SalesColumn, SalesOrder> {
  return {
    name: 'sales',
    columns: SALES_COLUMNS,
    schema: readSchemaFile('sales-order'),
    parse(values, at) {
      const order = parseSalesRow(values, at, currency);
      return { key: order.order_id, value: order, eventTime: salesEventTime(order), nulledValues: 0 };
    },
  };
}

/** Product listings (CatalogProduct keyed by ASIN). */
export function productsKind(): ReplayKind<ProductColumn, CatalogProduct> {
  return {
    name: 'products',
    columns: PRODUCT_COLUMNS,
    schema: readSchemaFile('catalog-product'),
    parse(values, at) {
      const { product, nulled } = parseProductRow(values, at);
      return { key: product.asin, value: product, eventTime: listingEventTime(product.link), nulledValues: nulled.length };
    },
  };
}
