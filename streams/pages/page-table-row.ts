import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';
import type { CrawledProductPage } from '../../schemas/types/crawled-product-page.ts';

/**
 * A crawled page joined with the latest catalog entry of its ASIN, as a row of
 * `product_pages_raw` (migrations 0001 and 0009): the best seller ranks as the parallel arrays
 * `best_seller_rank` and `best_seller_rank_category`, and the catalog's name and categories, null
 * when the catalog does not list the ASIN (a left join: a page is worth keeping either way).
 */
export function pageTableRow(page: CrawledProductPage, product: CatalogProduct | null): Record<string, unknown> {
  const { best_seller_ranks: ranks, ...fields } = page;
  return {
    ...fields,
    best_seller_rank: ranks.map((r) => r.rank),
    best_seller_rank_category: ranks.map((r) => r.category),
    catalog_name: product?.name ?? null,
    catalog_main_category: product?.main_category ?? null,
    catalog_sub_category: product?.sub_category ?? null,
  };
}
