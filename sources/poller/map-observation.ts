import type { z } from 'zod';
import { ItemMappingError, type ErrorLocation } from '../../errors/index.ts';
import type { MarketplaceObservation } from '../../schemas/types/marketplace-observation.ts';
import { storefrontOfCode, type Storefront } from '../crawler/extract/storefronts.ts';
import { apiItemSchema, type ApiItemFields } from './api-item-schema.ts';
import { decimalToMinor } from './decimal-to-minor.ts';

const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Maps one API item to a MarketplaceObservation, money in exact minor units of one currency.
 * Throws ItemMappingError naming the field when the item lacks a field, holds one that cannot
 * be read, or an amount that is not a whole number of minor units: such an item is dead-lettered.
 */
export function mapObservation(raw: unknown, source: string, location: ErrorLocation = {}): MarketplaceObservation {
  const parsed = apiItemSchema.safeParse(raw);
  if (!parsed.success) throw schemaProblem(raw, parsed.error, location);
  const item = parsed.data;
  const fail = (code: ItemMappingError['code'], field: string, message: string): never => {
    throw new ItemMappingError(code, field, `item ${item.asin}: ${message}`, { location });
  };
  // The API speaks ISO country codes (GB); the schemas name storefronts (UK), as Amazon's pages do.
  const storefront: Storefront | undefined = storefrontOfCode(item.marketplace);
  if (storefront === undefined) return fail('MAPPING_INVALID_FIELD', 'marketplace', `unknown marketplace ${JSON.stringify(item.marketplace)}`);
  const revenue = item.estimates?.monthlyRevenue ?? null;
  for (const [field, money] of [['price.currency', item.price], ['estimates.monthlyRevenue.currency', revenue]] as const) {
    if (money !== null && !ISO_CURRENCIES.has(money.currency)) fail('MAPPING_INVALID_FIELD', field, `unknown currency ${JSON.stringify(money.currency)}`);
  }
  // The schema has one currency for price and revenue: an item mixing two cannot be stored without converting.
  if (item.price !== null && revenue !== null && item.price.currency !== revenue.currency) {
    fail('MAPPING_INVALID_FIELD', 'estimates.monthlyRevenue.currency', `revenue in ${revenue.currency} but price in ${item.price.currency}`);
  }
  const currency = item.price?.currency ?? revenue?.currency ?? storefront.currency;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const minor = (amount: string | number, field: string): number => {
    const read = decimalToMinor(amount, digits);
    if ('minor' in read) return read.minor;
    return fail(read.problem === 'inexact' ? 'MAPPING_INEXACT_AMOUNT' : 'MAPPING_INVALID_FIELD', field, `${read.reason} (${currency})`);
  };
  return {
    asin: item.asin,
    marketplace: storefront.marketplace,
    source,
    price_minor: item.price === null ? null : minor(item.price.amount, 'price.amount'),
    currency,
    sales_rank: item.salesRank?.rank ?? null,
    sales_rank_category: item.salesRank?.category ?? null,
    estimated_monthly_units: item.estimates?.monthlyUnits ?? null,
    estimated_monthly_revenue_minor: revenue === null ? null : minor(revenue.amount, 'estimates.monthlyRevenue.amount'),
    observed_at: Date.parse(item.observedAt),
  };
}

/** The first schema issue as a mapping error: missing when the item has nothing at that path. */
function schemaProblem(raw: unknown, error: z.ZodError<ApiItemFields>, location: ErrorLocation): ItemMappingError {
  const issue = error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const field = path.join('.') || '(item)';
  const missing = valueAt(raw, path) === undefined;
  const who = typeof (raw as { asin?: unknown } | null)?.asin === 'string' ? `item ${(raw as { asin: string }).asin}` : 'item';
  const what = missing ? `has no ${field}` : `has an unreadable ${field}: ${issue?.message ?? 'invalid'}`;
  return new ItemMappingError(missing ? 'MAPPING_MISSING_FIELD' : 'MAPPING_INVALID_FIELD', field, `${who} ${what}`, { location });
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
