import type { SavedPageResult } from '../sources/crawler/import-saved-pages.ts';
import type { MainJobReport } from './main-job.ts';

/**
 * The `--once` summary's lines about the inputs: the orders and catalog replays (the catalog's
 * repeats across category files counted), and the saved pages by verdict, each page that is not
 * data named by its file.
 */
export function inputLines(report: Pick<MainJobReport, 'replay' | 'catalog' | 'catalogRepeats' | 'pages' | 'sinks'>): string[] {
  const { replay, catalog } = report;
  const sum = (pick: (t: MainJobReport['catalog'][number]) => number) => catalog.reduce((n, t) => n + pick(t), 0);
  const unknown = (columns: readonly string[]) => (columns.length === 0 ? '' : `; unknown columns ${columns.map((c) => JSON.stringify(c)).join(', ')} kept in bronze`);
  const lines = [
    `  orders: ${replay.rowsRead} rows of ${replay.file} = ${replay.produced} produced + ${replay.deadLettered} dead-lettered + ${replay.skipped} replayed before${unknown(replay.extraColumns)}`,
    `  catalog: ${sum((t) => t.rowsRead)} rows of ${catalog.length} products files = ${sum((t) => t.produced)} produced + ${sum((t) => t.deadLettered)} dead-lettered + ${sum((t) => t.skipped)} replayed before${unknown([...new Set(catalog.flatMap((t) => t.extraColumns))])}; ` +
      `${report.catalogRepeats} repeated listings (same ASIN and content in several files) dropped this run; ${report.sinks.catalogRows} distinct listings in ClickHouse catalog_products_raw`,
  ];
  if (report.pages.length > 0) lines.push(...pageLines(report.pages));
  return lines;
}

function pageLines(pages: readonly SavedPageResult[]): string[] {
  const count = (verdict: SavedPageResult['verdict']) => pages.filter((p) => p.verdict === verdict).length;
  const written = (pick: (p: SavedPageResult) => number) => pages.reduce((n, p) => n + pick(p), 0);
  const notData = pages.filter((p) => p.detail !== null);
  return [
    `  saved pages: ${pages.length} files = ${count('product')} product pages + ${count('reviews')} reviews pages + ${count('search')} search pages (no events) + ${count('blocked')} blocked + ${count('unrecognized')} unrecognized + ${count('unreadable')} unreadable; ` +
      `${written((p) => p.products)} product pages and ${written((p) => p.reviews)} reviews written, ${pages.filter((p) => p.importedBefore).length} imported before`,
    ...notData.map((p) => `    not data: ${p.file}: ${p.detail ?? ''}`),
  ];
}
