import { createHash } from 'node:crypto';
import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';

/**
 * What makes two catalog records the same listing, for deduplication: the ASIN and what is said of
 * the product (name, main category, ratings, prices, currency, storefront). The sub-category, the
 * link (its search time and rank) and the thumbnail URL say where the product was listed, not what
 * it is: one product listed under several sub-categories is counted once. A changed price or
 * rating count is a new listing and passes.
 */
export function catalogListingIdentity(p: CatalogProduct): string {
  const content = JSON.stringify([p.name, p.main_category, p.ratings, p.no_of_ratings, p.discount_price_minor, p.actual_price_minor, p.currency, p.marketplace]);
  return `${p.asin}:${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}
