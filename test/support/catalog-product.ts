import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';

/** A catalog product as the replay reads a real amazon.in row, with `changes` applied. */
export function catalogProduct(changes: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    asin: 'B0BRKXTSBT',
    name: 'Einstein Box for 2 Year Old Baby Boys and Girls, Learning and Educational Toys',
    main_category: 'toys & baby products',
    sub_category: 'STEM Toys Store',
    image: 'https://m.media-amazon.com/images/I/81Qf7AXSMCL._AC_UL320_.jpg',
    link: 'https://www.amazon.in/dp/B0BRKXTSBT/ref=sr_1_1?qid=1679134237',
    ratings: 4.1,
    no_of_ratings: 5276,
    discount_price_minor: 69_900,
    actual_price_minor: 99_900,
    currency: 'INR',
    marketplace: 'IN',
    ...changes,
  };
}
