/**
 * A few known events for the ClickHouse KPI tables, as rows of the event tables, and the KPIs they
 * must give, computed here directly from the rows (not by ClickHouse).
 */

/** 2024-03-10 10:00:00 UTC: the first hour of the sample. */
export const T0 = Date.UTC(2024, 2, 10, 10, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const floorTo = (ms: number, size: number): number => Math.floor(ms / size) * size;
export const BUCKET_MS = { minute: MIN, hour: HOUR, day: DAY } as const;

let offset = 0;
/** The Kafka columns of a row: topic, partition, a fresh offset, and the record timestamp (event time). */
const kafka = (topic: string, timestamp: number) => ({ kafka_topic: topic, kafka_partition: 0, kafka_offset: offset++, kafka_timestamp: timestamp });

export interface SampleOrder {
  readonly at: number;
  readonly category: string;
  readonly country: string;
  readonly currency: string;
  readonly payment: string;
  readonly customer: string;
  readonly quantity: number;
  readonly revenue: number;
  readonly status: 'DELIVERED' | 'CANCELLED';
}

export const ORDERS: readonly SampleOrder[] = [
  { at: T0 + 10_000, category: 'Electronics', country: 'India', currency: 'INR', payment: 'UPI', customer: 'C1', quantity: 2, revenue: 1000, status: 'DELIVERED' },
  { at: T0 + 20_000, category: 'Electronics', country: 'India', currency: 'INR', payment: 'UPI', customer: 'C2', quantity: 1, revenue: 500, status: 'DELIVERED' },
  { at: T0 + 30_000, category: 'Electronics', country: 'India', currency: 'INR', payment: 'UPI', customer: 'C1', quantity: 1, revenue: 300, status: 'CANCELLED' },
  { at: T0 + 70_000, category: 'Electronics', country: 'India', currency: 'INR', payment: 'CREDIT_CARD', customer: 'C3', quantity: 3, revenue: 900, status: 'DELIVERED' },
  { at: T0 + 65 * MIN, category: "Children's Books", country: 'India', currency: 'INR', payment: 'UPI', customer: 'C1', quantity: 1, revenue: 250, status: 'DELIVERED' },
  { at: T0 + 90_000, category: "Children's Books", country: 'UK', currency: 'GBP', payment: 'CREDIT_CARD', customer: 'C4', quantity: 4, revenue: 4000, status: 'DELIVERED' },
  { at: T0 + 95_000, category: "Children's Books", country: 'UK', currency: 'GBP', payment: 'CREDIT_CARD', customer: 'C4', quantity: 1, revenue: 1234, status: 'DELIVERED' },
  { at: T0 + 25 * DAY, category: 'Electronics', country: 'India', currency: 'INR', payment: 'UPI', customer: 'C2', quantity: 1, revenue: 700, status: 'DELIVERED' },
];

export const netRevenue = (o: SampleOrder): number => (o.status === 'CANCELLED' ? 0 : o.revenue);

export function enrichedOrderRow(o: SampleOrder, i: number): Record<string, unknown> {
  const date = new Date(o.at);
  return {
    ...kafka('orders.enriched', o.at),
    order_id: `O${i}`,
    order_date: date.toISOString().slice(0, 10),
    order_year: date.getUTCFullYear(),
    order_quarter: Math.floor(date.getUTCMonth() / 3) + 1,
    order_month: date.getUTCMonth() + 1,
    order_day: date.getUTCDate(),
    order_day_of_week: date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
    order_iso_week: 10,
    customer_id: o.customer,
    product_id: `P${i}`,
    product_name: `Product ${i}`,
    brand: 'Brand',
    category: o.category,
    category_path: [o.category],
    quantity: o.quantity,
    currency: o.currency,
    original_currency: o.currency,
    fx_rate_micros: 1_000_000,
    unit_price_minor: Math.round(o.revenue / o.quantity),
    gross_amount_minor: o.revenue,
    discount_bps: 0,
    discount_minor: 0,
    tax_minor: 18,
    shipping_cost_minor: 40,
    total_amount_minor: o.revenue + 58,
    revenue_minor: o.revenue,
    net_revenue_minor: netRevenue(o),
    payment_method: o.payment,
    order_status: o.status,
    city: 'City',
    state: 'State',
    country: o.country,
    country_code: o.country === 'India' ? 'IN' : 'GB',
    seller_id: 'S1',
    enriched_at: o.at + 1000,
  };
}

export interface SampleListing {
  readonly at: number;
  readonly asin: string;
  readonly category: string;
  readonly currency: string;
  readonly discount: number | null;
  readonly actual: number | null;
}

export const LISTINGS: readonly SampleListing[] = [
  { at: T0 + 5 * MIN, asin: 'A1', category: 'Electronics', currency: 'INR', discount: 49_900, actual: 59_900 },
  { at: T0 + 6 * MIN, asin: 'A2', category: 'Electronics', currency: 'INR', discount: null, actual: 1500 },
  { at: T0 + 7 * MIN, asin: 'A3', category: 'Electronics', currency: 'INR', discount: null, actual: null },
  { at: T0 + 8 * MIN, asin: 'A4', category: 'Electronics', currency: 'INR', discount: 250, actual: 300 },
  { at: T0 + 9 * MIN, asin: 'A5', category: "Children's Books", currency: 'INR', discount: 19_900, actual: null },
  { at: T0 + 70 * MIN, asin: 'A5', category: "Children's Books", currency: 'INR', discount: 19_900, actual: 24_900 },
  { at: T0 + 71 * MIN, asin: 'A6', category: "Children's Books", currency: 'GBP', discount: null, actual: 999 },
];

export const listingPrice = (l: SampleListing): number | null => l.discount ?? l.actual;

export const catalogRow = (l: SampleListing): Record<string, unknown> => ({
  ...kafka('products.catalog', l.at),
  asin: l.asin,
  name: `Name of ${l.asin}`,
  main_category: l.category,
  sub_category: 'Sub',
  image: 'https://example.invalid/i.jpg',
  link: 'https://example.invalid/p',
  ratings: 4.5,
  no_of_ratings: 10,
  discount_price_minor: l.discount,
  actual_price_minor: l.actual,
  currency: l.currency,
  marketplace: 'IN',
});

/** The 1-2-5 bucket of a price in minor units, as migration 0004 defines it. */
export function priceBucket(price: number): number {
  if (price <= 0) return 0;
  const magnitude = 10 ** (String(price).length - 1);
  const leading = Math.floor(price / magnitude);
  return (leading >= 5 ? 5 : leading >= 2 ? 2 : 1) * magnitude;
}

/** ClickHouse's quantileExact: the element at floor(level * n) of the sorted values. */
export const exactQuantile = (sorted: readonly number[], level: number): number => sorted[Math.floor(level * sorted.length)] ?? 0;

export interface SampleObservation {
  readonly at: number;
  readonly asin: string;
  readonly price: number | null;
  readonly rank: number | null;
  readonly revenue: number | null;
  readonly units: number | null;
}

export const OBSERVATIONS: readonly SampleObservation[] = [
  { at: T0 + 1 * MIN, asin: 'A1', price: 1000, rank: 50, revenue: 500_000, units: 100 },
  { at: T0 + 30 * MIN, asin: 'A1', price: 1200, rank: 40, revenue: 520_000, units: 104 },
  { at: T0 + 50 * MIN, asin: 'A1', price: null, rank: 30, revenue: null, units: null },
  { at: T0 + 70 * MIN, asin: 'A1', price: 900, rank: 35, revenue: 510_000, units: 101 },
  { at: T0 + 5 * MIN, asin: 'A2', price: 300, rank: 10, revenue: null, units: null },
  { at: T0 + 40 * MIN, asin: 'A2', price: 290, rank: 12, revenue: null, units: null },
  { at: T0 + 65 * MIN, asin: 'A2', price: 310, rank: 9, revenue: null, units: null },
  { at: T0 + 80 * MIN, asin: 'A2', price: 350, rank: 8, revenue: null, units: null },
  { at: T0 + 10 * MIN, asin: 'A3', price: 5000, rank: null, revenue: null, units: null },
];

export const observationRow = (o: SampleObservation): Record<string, unknown> => ({
  ...kafka('observations.enriched', o.at),
  asin: o.asin,
  marketplace: 'IN',
  source: 'api',
  observed_at: o.at,
  observed_date: new Date(o.at).toISOString().slice(0, 10),
  observed_hour: new Date(o.at).getUTCHours(),
  title: null,
  brand: null,
  category_path: ['Electronics'],
  currency: 'INR',
  original_currency: 'INR',
  fx_rate_micros: 1_000_000,
  original_price_minor: o.price,
  price_minor: o.price,
  sales_rank: o.rank,
  sales_rank_category: o.rank === null ? null : 'Electronics',
  estimated_monthly_units: o.units,
  estimated_monthly_revenue_minor: o.revenue,
  enriched_at: o.at + 1000,
});

export interface SamplePage {
  readonly at: number;
  readonly asin: string;
  readonly rating: number;
  readonly reviewCount: number;
}

export const PAGES: readonly SamplePage[] = [
  { at: T0 + 2 * MIN, asin: 'A1', rating: 4.1, reviewCount: 100 },
  { at: T0 + 20 * MIN, asin: 'A1', rating: 4.2, reviewCount: 110 },
  { at: T0 + 75 * MIN, asin: 'A1', rating: 4.3, reviewCount: 130 },
];

export const pageRow = (p: SamplePage): Record<string, unknown> => ({
  ...kafka('pages.crawled', p.at),
  asin: p.asin,
  url: `https://www.amazon.in/dp/${p.asin}`,
  marketplace: 'IN',
  title: 'Title',
  brand: null,
  price_minor: 1000,
  list_price_minor: null,
  currency: 'INR',
  rating: p.rating,
  review_count: p.reviewCount,
  best_seller_rank: [5, 120],
  best_seller_rank_category: ['Electronics', 'Phones'],
  availability: 'IN_STOCK',
  availability_text: 'In stock',
  seller: null,
  bullet_points: ['one', 'two'],
  image_urls: [],
  fetched_at: p.at,
  crawl_job_id: 'job-1',
  raw_html_key: `raw/${p.asin}.html.gz`,
});

export interface SampleReview {
  readonly at: number;
  readonly id: string;
  readonly asin: string;
  readonly day: string;
  readonly rating: number;
}

/** R1 is crawled twice: one review. */
export const REVIEWS: readonly SampleReview[] = [
  { at: T0 + 3 * MIN, id: 'R1', asin: 'A1', day: '2024-03-08', rating: 5 },
  { at: T0 + 3 * MIN, id: 'R2', asin: 'A1', day: '2024-03-08', rating: 4 },
  { at: T0 + 4 * MIN, id: 'R3', asin: 'A1', day: '2024-03-09', rating: 1 },
  { at: T0 + 90 * MIN, id: 'R1', asin: 'A1', day: '2024-03-08', rating: 5 },
];

export const reviewRow = (r: SampleReview): Record<string, unknown> => ({
  ...kafka('reviews.crawled', r.at),
  review_id: r.id,
  asin: r.asin,
  rating: r.rating,
  title: null,
  body: "It's fine; really -- /* fine */",
  author: 'Someone',
  review_date: r.day,
  country: 'India',
  verified_purchase: 1,
  helpful_votes: 0,
  variant: null,
  fetched_at: r.at,
  crawl_job_id: null,
});

export interface SampleOutcome {
  readonly at: number;
  readonly host: string;
  readonly outcome: string;
  readonly blocked: number;
}

/** Final crawl outcomes of two hosts: one blocked often (a page retried into data, one given up), one never. */
export const OUTCOMES: readonly SampleOutcome[] = [
  { at: T0 + 1 * MIN, host: 'shop.example:8080', outcome: 'fetched', blocked: 0 },
  { at: T0 + 3 * MIN, host: 'shop.example:8080', outcome: 'fetched', blocked: 2 },
  { at: T0 + 70 * MIN, host: 'shop.example:8080', outcome: 'gave-up', blocked: 5 },
  { at: T0 + 71 * MIN, host: 'shop.example:8080', outcome: 'dead-lettered', blocked: 0 },
  { at: T0 + 5 * MIN, host: 'calm.example', outcome: 'fetched', blocked: 0 },
  { at: T0 + 6 * MIN, host: 'calm.example', outcome: 'not-found', blocked: 0 },
  { at: T0 + 7 * MIN, host: 'calm.example', outcome: 'gave-up', blocked: 0 },
];

const outcomeUrl = (o: SampleOutcome, i: number): string => `http://${o.host}/dp/B0000000${String(i).padStart(2, '0')}`;

export const outcomeRow = (o: SampleOutcome, i: number): Record<string, unknown> => ({
  ...kafka('crawl.state', o.at),
  job: 'job-1',
  url: outcomeUrl(o, i),
  host: o.host,
  outcome: o.outcome,
  attempts: o.blocked + 1,
  blocked: o.blocked,
  status: o.outcome === 'gave-up' && o.blocked === 0 ? null : 200,
  raw_key: null,
  detail: null,
  at: o.at,
});

export interface SampleRequest {
  readonly at: number;
  readonly url: string;
  readonly host: string;
  readonly attempt: number;
  readonly depth: number;
}

/** The frontier behind OUTCOMES: each page asked once plus once per blocked answer, and three pages no outcome names yet. */
export const REQUESTS: readonly SampleRequest[] = [
  ...OUTCOMES.flatMap((o, i) =>
    Array.from({ length: o.blocked + 1 }, (_, attempt) => ({ at: o.at - (o.blocked + 1 - attempt) * 10_000, url: outcomeUrl(o, i), host: o.host, attempt, depth: 0 })),
  ),
  { at: T0 + 72 * MIN, url: 'http://shop.example:8080/dp/B000000090', host: 'shop.example:8080', attempt: 0, depth: 1 },
  { at: T0 + 72 * MIN, url: 'http://shop.example:8080/dp/B000000091', host: 'shop.example:8080', attempt: 0, depth: 1 },
  { at: T0 + 8 * MIN, url: 'http://calm.example/dp/B000000092', host: 'calm.example', attempt: 0, depth: 2 },
];

export const requestRow = (r: SampleRequest): Record<string, unknown> => ({
  ...kafka('crawl.frontier', r.at),
  job: 'job-1',
  url: r.url,
  host: r.host,
  attempt: r.attempt,
  blocked: r.attempt,
  depth: r.depth,
  referrer: r.depth === 0 ? null : `http://${r.host}/`,
  not_before: r.at,
  added_at: r.at,
});
