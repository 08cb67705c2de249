import { load, type CheerioAPI } from 'cheerio';
import type { ErrorLocation } from '../../../errors/index.ts';
import type { Marketplace } from '../../../schemas/types/crawled-product-page.ts';
import { storefrontOfCode, storefrontOfHost, type Storefront } from './storefronts.ts';

export interface ExtractOptions {
  /** URL the page was fetched from: the fallback for its ASIN and the base of relative links. */
  readonly url?: string;
  /** Where the HTML was read from (a file or raw-bucket key), named in extraction errors. */
  readonly file?: string;
}

/** A parsed page and what is known about where it comes from, shared by every extractor. */
export interface PageContext {
  readonly $: CheerioAPI;
  readonly url: URL | undefined;
  readonly marketplace: Marketplace;
  /** Storefront currency, the fallback when a price has no symbol and the reading of "$". */
  readonly currency: string | null;
  /** Origin for absolute links (https://www.amazon.com); null when nothing tells. */
  readonly origin: string | null;
  /** Location given to extraction errors. */
  readonly location: ErrorLocation;
}

export function pageContext(html: string, options: ExtractOptions = {}): PageContext {
  const $ = load(html);
  const url = parseUrl(options.url);
  const canonical = parseUrl($('link[rel="canonical"]').attr('href'));
  // A page served by a test storefront or a proxy still names its Amazon storefront in its markup.
  const bodyCode = /(?:^|\s)a-m-([a-z]{2})(?:\s|$)/.exec($('body').attr('class') ?? '')?.[1];
  const storefront: Storefront | undefined =
    storefrontOf(url) ?? storefrontOf(canonical) ?? (bodyCode === undefined ? undefined : storefrontOfCode(bodyCode));
  const location: ErrorLocation = {
    ...(options.url === undefined ? {} : { url: options.url }),
    ...(options.file === undefined ? {} : { file: options.file }),
  };
  return {
    $,
    url,
    marketplace: storefront?.marketplace ?? 'UNKNOWN',
    currency: storefront?.currency ?? null,
    origin: url?.origin ?? canonical?.origin ?? (storefront === undefined ? null : `https://www.${storefront.domain}`),
    location,
  };
}

/** Absolute form of a link of the page; the link itself when there is no origin to resolve it against. */
export function absoluteUrl(context: PageContext, href: string): string {
  const base = context.url ?? context.origin;
  return base === null ? (parseUrl(href)?.href ?? href) : new URL(href, base).href;
}

function storefrontOf(url: URL | undefined): Storefront | undefined {
  return url === undefined ? undefined : storefrontOfHost(url.hostname);
}

function parseUrl(text: string | undefined): URL | undefined {
  if (text === undefined || !URL.canParse(text)) return undefined;
  return new URL(text);
}
