import type { CatalogProduct } from '../../schemas/types/catalog-product.ts';
import type { Rule } from '../validate-records.ts';
import { asinProblem } from './asin-format.ts';
import { currencyProblem } from './currency-problem.ts';

const isPrice = (minor: number | null): boolean => minor === null || (Number.isSafeInteger(minor) && minor >= 0);

/**
 * Business rules of a catalog product that its schema cannot express. The replay already nulls
 * what it cannot read; these catch what a reader let through or another producer wrote, before a
 * price KPI counts it.
 */
export const catalogRules: Readonly<Record<string, Rule<CatalogProduct>>> = {
  'asin-format': (p) => asinProblem(p.asin),
  'non-negative-prices': (p) =>
    isPrice(p.discount_price_minor) && isPrice(p.actual_price_minor) ? undefined : `a price is negative or not whole (discount ${p.discount_price_minor}, list ${p.actual_price_minor})`,
  'discount-not-above-list': (p) =>
    p.discount_price_minor === null || p.actual_price_minor === null || p.discount_price_minor <= p.actual_price_minor
      ? undefined
      : `discount price ${p.discount_price_minor} is above the list price ${p.actual_price_minor}`,
  'rating-in-range': (p) => (p.ratings === null || (p.ratings >= 1 && p.ratings <= 5) ? undefined : `rating ${p.ratings} is outside 1..5`),
  'non-negative-rating-count': (p) => (p.no_of_ratings === null || p.no_of_ratings >= 0 ? undefined : `rating count ${p.no_of_ratings} is negative`),
  'known-category': (p) => (p.main_category.trim() === '' ? 'main category is empty' : undefined),
  'currency-code': (p) => currencyProblem(p.currency),
};
