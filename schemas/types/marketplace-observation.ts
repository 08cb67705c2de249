// Generated from schemas/avro/marketplace-observation.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** One reading of a product from a marketplace data API (price, sales rank, sales estimates). Key: asin as the Avro string schema. */
export interface MarketplaceObservation {
  /** ASIN observed; also the record key */
  asin: string;
  /** Storefront the observation is about */
  marketplace: Marketplace;
  /** Name of the API or feed that produced the observation */
  source: string;
  /** Current price in minor units of currency; null when not offered */
  price_minor: number | null;
  /** ISO 4217 code of price_minor and estimated_monthly_revenue_minor */
  currency: string;
  /** Sales rank in sales_rank_category, 1 being the best seller */
  sales_rank: number | null;
  /** Category the sales rank refers to */
  sales_rank_category: string | null;
  /** Units the API estimates are sold per month */
  estimated_monthly_units: number | null;
  /** Monthly revenue the API estimates, in minor units of currency */
  estimated_monthly_revenue_minor: number | null;
  /** When the API took the reading (not when we received it) */
  observed_at: number;
}

/** Amazon storefront, named by the country of its domain (amazon.co.uk is UK); UNKNOWN stands for any storefront this reader does not know yet */
export type Marketplace = 'UNKNOWN' | 'US' | 'CA' | 'MX' | 'BR' | 'UK' | 'IE' | 'DE' | 'FR' | 'IT' | 'ES' | 'NL' | 'BE' | 'SE' | 'PL' | 'TR' | 'AE' | 'SA' | 'EG' | 'ZA' | 'IN' | 'JP' | 'AU' | 'SG';
