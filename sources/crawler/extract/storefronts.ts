import type { Marketplace } from '../../../schemas/types/crawled-product-page.ts';

export interface Storefront {
  readonly marketplace: Exclude<Marketplace, 'UNKNOWN'>;
  /** Host name without "www.", such as amazon.co.uk. */
  readonly domain: string;
  /** ISO 4217 code of the prices the storefront shows. */
  readonly currency: string;
}

/** Amazon's storefronts, one per marketplace of the crawled-product-page schema. */
export const storefronts: readonly Storefront[] = [
  { marketplace: 'US', domain: 'amazon.com', currency: 'USD' },
  { marketplace: 'CA', domain: 'amazon.ca', currency: 'CAD' },
  { marketplace: 'MX', domain: 'amazon.com.mx', currency: 'MXN' },
  { marketplace: 'BR', domain: 'amazon.com.br', currency: 'BRL' },
  { marketplace: 'UK', domain: 'amazon.co.uk', currency: 'GBP' },
  { marketplace: 'IE', domain: 'amazon.ie', currency: 'EUR' },
  { marketplace: 'DE', domain: 'amazon.de', currency: 'EUR' },
  { marketplace: 'FR', domain: 'amazon.fr', currency: 'EUR' },
  { marketplace: 'IT', domain: 'amazon.it', currency: 'EUR' },
  { marketplace: 'ES', domain: 'amazon.es', currency: 'EUR' },
  { marketplace: 'NL', domain: 'amazon.nl', currency: 'EUR' },
  { marketplace: 'BE', domain: 'amazon.com.be', currency: 'EUR' },
  { marketplace: 'SE', domain: 'amazon.se', currency: 'SEK' },
  { marketplace: 'PL', domain: 'amazon.pl', currency: 'PLN' },
  { marketplace: 'TR', domain: 'amazon.com.tr', currency: 'TRY' },
  { marketplace: 'AE', domain: 'amazon.ae', currency: 'AED' },
  { marketplace: 'SA', domain: 'amazon.sa', currency: 'SAR' },
  { marketplace: 'EG', domain: 'amazon.eg', currency: 'EGP' },
  { marketplace: 'ZA', domain: 'amazon.co.za', currency: 'ZAR' },
  { marketplace: 'IN', domain: 'amazon.in', currency: 'INR' },
  { marketplace: 'JP', domain: 'amazon.co.jp', currency: 'JPY' },
  { marketplace: 'AU', domain: 'amazon.com.au', currency: 'AUD' },
  { marketplace: 'SG', domain: 'amazon.sg', currency: 'SGD' },
];

/** Storefront serving a host (www.amazon.co.uk, smile.amazon.com); undefined for any other host. */
export function storefrontOfHost(host: string): Storefront | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  return storefronts.find((s) => name === s.domain || name.endsWith(`.${s.domain}`));
}

/** Storefront of a marketplace code; Amazon's page classes say `gb` where the schema says UK. */
export function storefrontOfCode(code: string): Storefront | undefined {
  const upper = code.toUpperCase();
  return storefronts.find((s) => s.marketplace === (upper === 'GB' ? 'UK' : upper));
}
