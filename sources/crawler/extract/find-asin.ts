import type { PageContext } from './page-context.ts';

const ASIN = /^[A-Z0-9]{10}$/;
/** /dp/ASIN, /gp/product/ASIN and /product-reviews/ASIN, the URL forms that name a product. */
const ASIN_IN_PATH = /\/(?:dp|gp\/product|product-reviews|gp\/aw\/d)\/([A-Z0-9]{10})(?=[/?#]|$)/;

/**
 * ASIN of the product a page is about, from the page's own declarations in order of trust:
 * the canonical URL, the add-to-cart form's `input[name=ASIN]`, the reviews page's product link,
 * then the URL the page was fetched from. Never the first "asin" of embedded JSON: variations,
 * sponsored and bought-together products come first there.
 */
export function findAsin(context: PageContext): string | null {
  const { $ } = context;
  const candidates = [
    asinInPath($('link[rel="canonical"]').attr('href')),
    $('input[name="ASIN"]').first().val(),
    asinInPath($('[data-hook="product-link"]').first().attr('href')),
    asinInPath(context.url?.pathname),
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && ASIN.test(candidate.trim())) return candidate.trim();
  }
  return null;
}

export function asinInPath(href: string | undefined): string | undefined {
  return href === undefined ? undefined : ASIN_IN_PATH.exec(href)?.[1];
}
