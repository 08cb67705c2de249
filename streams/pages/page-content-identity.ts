import { createHash } from 'node:crypto';
import type { CrawledProductPage } from '../../schemas/types/crawled-product-page.ts';

/**
 * What makes two crawled pages the same, for deduplication: the ASIN and everything the page
 * showed. When it was fetched, by which job and where its raw HTML is say how it was crawled, not
 * what it said: a page crawled again unchanged is counted once, a changed price or rank passes.
 */
export function pageContentIdentity(p: CrawledProductPage): string {
  const shown = JSON.stringify([
    p.url, p.marketplace, p.title, p.brand, p.price_minor, p.list_price_minor, p.currency, p.rating, p.review_count,
    p.best_seller_ranks.map((r) => [r.rank, r.category]), p.availability, p.availability_text, p.seller, p.bullet_points, p.image_urls,
  ]);
  return `${p.asin}:${createHash('sha256').update(shown).digest('hex').slice(0, 32)}`;
}
