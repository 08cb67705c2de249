import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { BestSellerRank } from '../../../schemas/types/crawled-product-page.ts';
import { collapseWhitespace } from './element-text.ts';
import type { PageContext } from './page-context.ts';

const LABEL = /(?:Amazon )?Best ?Sellers? Rank:?/i;
const SEE_TOP = /\(\s*See Top \d+[^)]*\)/gi;
const ENTRY = /^#\s?([\d,.\u00a0 ]+)\s+in\s+(.+)$/;

/**
 * Best Sellers Ranks, main category first, from either layout Amazon uses: a product-details
 * table row (`<th>Best Sellers Rank</th><td>…</td>`) or a detail bullet (`<li><span
 * class="a-text-bold">Best Sellers Rank:</span> … <ul class="zg_hrsr">…</ul></li>`), and the
 * older `#SalesRank` bullet. Pages that repeat the table list each rank once.
 */
export function extractBestSellerRanks(context: PageContext): BestSellerRank[] {
  const { $ } = context;
  const holders: Cheerio<AnyNode>[] = [];
  $('th').each((_, th) => {
    if (LABEL.test($(th).text())) holders.push($(th).nextAll('td').first());
  });
  $('#SalesRank, li:has(> .a-list-item > .a-text-bold), li:has(> .a-text-bold)').each((_, li) => {
    const label = $(li).find('.a-text-bold, b').first().text();
    if ($(li).is('#SalesRank') || LABEL.test(label)) holders.push($(li));
  });
  const ranks = new Map<string, BestSellerRank>();
  for (const holder of holders) {
    for (const rank of ranksIn(holder)) ranks.set(`${rank.rank} ${rank.category}`, rank);
  }
  return [...ranks.values()];
}

function ranksIn(holder: Cheerio<AnyNode>): BestSellerRank[] {
  const text = collapseWhitespace(holder.text()).replace(LABEL, ' ').replace(SEE_TOP, ' ');
  return text
    .split(/(?=#\s?\d)/)
    .map((part) => ENTRY.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ rank: Number((m[1] ?? '').replace(/\D/g, '')), category: collapseWhitespace(m[2] ?? '') }))
    .filter((r) => r.rank > 0 && r.category !== '');
}
