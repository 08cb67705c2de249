// Generated from schemas/avro/crawled-review.avsc by schemas/generate-types.ts: do not edit, run `npx tsx schemas/generate-types.ts`.

/** One customer review, from a crawled reviews page or a replayed review file. Key: asin as the Avro string schema, so reviews share partitions with their product. */
export interface CrawledReview {
  /** Amazon review id such as R2IWYAXSM40X0F; for sources without ids, a hash of asin, date, author and body */
  review_id: string;
  /** ASIN of the reviewed product; also the record key */
  asin: string;
  /** Stars given, 1 to 5 (reviews carry whole stars: 3.0 out of 5 stars is 3) */
  rating: number;
  /** Review headline */
  title: string | null;
  /** Review text as written (may be empty) */
  body: string;
  /** Reviewer display name */
  author: string | null;
  /** Date of the review, days since the Unix epoch */
  review_date: number;
  /** Country the review was written in (Reviewed in the United States) */
  country: string | null;
  /** Whether Amazon labels the review Verified Purchase */
  verified_purchase: boolean;
  /** People who found the review helpful (One person is 1) */
  helpful_votes: number;
  /** Variant reviewed, such as Color: White Spot, whitespace collapsed */
  variant: string | null;
  /** When the review was fetched or replayed */
  fetched_at: number;
  /** Id of the crawl job that fetched it; null for replayed files */
  crawl_job_id: string | null;
}
