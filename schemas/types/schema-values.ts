// Generated from schemas/avro/*.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

import type { CatalogProduct } from './catalog-product.ts';
import type { CrawledProductPage } from './crawled-product-page.ts';
import type { CrawledReview } from './crawled-review.ts';
import type { EnrichedObservation } from './enriched-observation.ts';
import type { EnrichedOrder } from './enriched-order.ts';
import type { MarketplaceObservation } from './marketplace-observation.ts';
import type { SalesOrder } from './sales-order.ts';
import type { WindowAggregate } from './window-aggregate.ts';

/** The TypeScript type of the records of each schema file, by file name (`schemas/avro/<name>.avsc`). */
export interface SchemaValues {
  'catalog-product': CatalogProduct;
  'crawled-product-page': CrawledProductPage;
  'crawled-review': CrawledReview;
  'enriched-observation': EnrichedObservation;
  'enriched-order': EnrichedOrder;
  'marketplace-observation': MarketplaceObservation;
  'sales-order': SalesOrder;
  'window-aggregate': WindowAggregate;
}

/** The name of a schema file in `schemas/avro/`, without `.avsc`. */
export type SchemaName = keyof SchemaValues;
