// Generated from schemas/avro/catalog-product.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** One row of the Kaggle Amazon products CSVs (amazon.in, 9 columns), plus the ASIN parsed from the link. Key: asin as the Avro string schema. Unparseable numbers become null; rows without an ASIN go to the dead-letter topic. */
export interface CatalogProduct {
  /** The 10 characters after /dp/ in link; also the record key (one ASIN may be listed under several sub-categories) */
  asin: string;
  /** name: product title, often cut by Amazon with a trailing ... */
  name: string;
  /** main_category, such as appliances */
  main_category: string;
  /** sub_category, such as Air Conditioners */
  sub_category: string;
  /** image: URL of the listing thumbnail */
  image: string;
  /** link: product URL as given, tracking parameters included */
  link: string;
  /** ratings: average stars 1.0 to 5.0; null when empty or not a number (Get) */
  ratings: number | null;
  /** no_of_ratings without thousands separators; null when empty, not a whole number or stock text (Only 2 left in stock.) */
  no_of_ratings: number | null;
  /** discount_price (selling price, such as ₹32,999) in minor units of currency; null when empty */
  discount_price_minor: number | null;
  /** actual_price (list price) in minor units of currency; null when empty */
  actual_price_minor: number | null;
  /** ISO 4217 code of the prices (INR for the amazon.in files) */
  currency: string;
  /** Storefront of link (IN for amazon.in) */
  marketplace: Marketplace;
}

/** Amazon storefront, named by the country of its domain (amazon.co.uk is UK); UNKNOWN stands for any storefront this reader does not know yet */
export type Marketplace = 'UNKNOWN' | 'US' | 'CA' | 'MX' | 'BR' | 'UK' | 'IE' | 'DE' | 'FR' | 'IT' | 'ES' | 'NL' | 'BE' | 'SE' | 'PL' | 'TR' | 'AE' | 'SA' | 'EG' | 'ZA' | 'IN' | 'JP' | 'AU' | 'SG';
