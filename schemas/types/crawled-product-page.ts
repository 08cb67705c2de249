// Generated from schemas/avro/crawled-product-page.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** What the crawler extracted from one Amazon product detail page. Key: asin as the Avro string schema. Fields the page did not show are null or empty, never guessed. */
export interface CrawledProductPage {
  /** ASIN of the page, from the canonical /dp/ URL or input[name=ASIN] (not the first asin in embedded JSON); also the record key */
  asin: string;
  /** Canonical URL of the page, without tracking parameters */
  url: string;
  /** Storefront the page was fetched from */
  marketplace: Marketplace;
  /** Product title, HTML entities decoded and whitespace trimmed */
  title: string | null;
  /** Brand or byline store name */
  brand: string | null;
  /** Buy-box price in minor units of currency; null when the page shows none */
  price_minor: number | null;
  /** List (strike-through) price in minor units of currency; null when the page shows none */
  list_price_minor: number | null;
  /** ISO 4217 code of the prices, from the page or else from the marketplace */
  currency: string;
  /** Average star rating, 1.0 to 5.0 */
  rating: number | null;
  /** Number of ratings shown next to the stars (82 ratings, (226)) */
  review_count: number | null;
  /** Best Sellers Ranks in the order the page lists them (main category first) */
  best_seller_ranks: BestSellerRank[];
  /** Stock state, classified from availability_text */
  availability: Availability;
  /** Availability text as shown (Only 2 left in stock.), kept for reclassification */
  availability_text: string | null;
  /** Name of the buy-box seller (Amazon.com or a third party) */
  seller: string | null;
  /** Feature bullets (About this item), in page order */
  bullet_points: string[];
  /** Product image URLs, main image first */
  image_urls: string[];
  /** When the page was fetched */
  fetched_at: number;
  /** Id of the crawl job that fetched the page */
  crawl_job_id: string;
  /** Object key of the raw HTML in the raw bucket of MinIO, so the page can be re-extracted */
  raw_html_key: string;
}

/** Amazon storefront, named by the country of its domain (amazon.co.uk is UK); UNKNOWN stands for any storefront this reader does not know yet */
export type Marketplace = 'UNKNOWN' | 'US' | 'CA' | 'MX' | 'BR' | 'UK' | 'IE' | 'DE' | 'FR' | 'IT' | 'ES' | 'NL' | 'BE' | 'SE' | 'PL' | 'TR' | 'AE' | 'SA' | 'EG' | 'ZA' | 'IN' | 'JP' | 'AU' | 'SG';

/** One Best Sellers Rank entry, such as #5,211 in Cell Phones & Accessories */
export interface BestSellerRank {
  /** Position in the category, 1 being the best seller */
  rank: number;
  /** Category name as shown on the page */
  category: string;
}

/** Stock state of the buy box; UNKNOWN also stands for any state this reader does not know yet */
export type Availability = 'UNKNOWN' | 'IN_STOCK' | 'LOW_STOCK' | 'BACK_ORDER' | 'PRE_ORDER' | 'UNAVAILABLE';
