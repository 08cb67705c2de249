// Generated from schemas/avro/enriched-observation.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** A marketplace-API observation with prices converted to the reporting currency, joined with the catalog (title, brand, category path) and with calendar parts of the observation time. Key: asin as the Avro string schema. */
export interface EnrichedObservation {
  /** ASIN observed; also the record key */
  asin: string;
  /** Storefront the observation is about */
  marketplace: Marketplace;
  /** Name of the API or feed that produced the observation */
  source: string;
  /** When the API took the reading */
  observed_at: number;
  /** UTC date of observed_at, days since the Unix epoch */
  observed_date: number;
  /** UTC hour of observed_at, 0 to 23 */
  observed_hour: number;
  /** Product title from the catalog or the latest crawled page; null when the product is unknown */
  title: string | null;
  /** Brand from the catalog or the latest crawled page */
  brand: string | null;
  /** Category path from the root; empty when the product is unknown */
  category_path: string[];
  /** ISO 4217 reporting currency of every _minor amount in this record except original_price_minor */
  currency: string;
  /** ISO 4217 currency of the raw observation */
  original_currency: string;
  /** Units of currency per unit of original_currency, times 1,000,000 (1,000,000 when they are the same) */
  fx_rate_micros: number;
  /** Price as observed, in minor units of original_currency */
  original_price_minor: number | null;
  /** Price in minor units of currency */
  price_minor: number | null;
  /** Sales rank in sales_rank_category, 1 being the best seller */
  sales_rank: number | null;
  /** Category the sales rank refers to */
  sales_rank_category: string | null;
  /** Units the API estimates are sold per month */
  estimated_monthly_units: number | null;
  /** Estimated monthly revenue in minor units of currency */
  estimated_monthly_revenue_minor: number | null;
  /** When the enrichment ran */
  enriched_at: number;
  /** Price of the previous observation of this ASIN in this marketplace (the latest one observed earlier), in minor units of currency; null when there is none, or it or this one has no price or another currency */
  previous_price_minor: number | null;
  /** price_minor minus previous_price_minor; null when either is null */
  price_change_minor: number | null;
  /** A price drop: the price fell by at least 5% of previous_price_minor */
  got_cheaper: boolean;
  /** Sales rank of the previous observation of this ASIN in this marketplace, in the same sales_rank_category; null when there is none */
  previous_sales_rank: number | null;
  /** previous_sales_rank minus sales_rank: positive when the product climbed; null when either is null */
  sales_rank_change: number | null;
  /** The product climbed by at least 20% of previous_sales_rank */
  rank_jump: boolean;
}

/** Amazon storefront, named by the country of its domain (amazon.co.uk is UK); UNKNOWN stands for any storefront this reader does not know yet */
export type Marketplace = 'UNKNOWN' | 'US' | 'CA' | 'MX' | 'BR' | 'UK' | 'IE' | 'DE' | 'FR' | 'IT' | 'ES' | 'NL' | 'BE' | 'SE' | 'PL' | 'TR' | 'AE' | 'SA' | 'EG' | 'ZA' | 'IN' | 'JP' | 'AU' | 'SG';
