import { readFileSync } from 'node:fs';
import { repoPath } from '../../../../support/repo-path.ts';

/** Real Amazon pages saved by other projects, kept outside the repository (../shared/data, see its README). */
export function savedPagePath(name: string): string {
  return repoPath('..', 'shared', 'data', 'amazon-html-pages', name);
}

export function readSavedPage(name: string): string {
  return readFileSync(savedPagePath(name), 'utf8');
}

export const savedPages = {
  sconce: 'product_B07G2L3JMM__metascraper-shopping__amazon.html',
  charger: 'product_B0DR8G428S__price-checker__amazon_product.html',
  monitorReviews: 'reviews_B01IPHVFUI__amazon-scrape__amazon_reviews.html',
  monitorReviewsExpected: 'reviews_B01IPHVFUI__amazon-scrape__scraped_output.json',
  chargerSearch: 'search_portable-charger__price-checker__amazon_search.html',
} as const;
