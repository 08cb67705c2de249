import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { FileAccessError } from '../../errors/index.ts';
import { extractPage } from '../../sources/crawler/extract/index.ts';

/** Exit status of a page that is not data: throttled, robot check, or a page the extractors do not know. */
const NOT_DATA_EXIT_CODE = 3;

export function extractCommand(): Command {
  return new Command('extract')
    .description('run the crawler\'s extractors on a saved HTML page and print what they find as JSON')
    .argument('<file>', 'saved HTML page (product, customer reviews or search results)')
    .option('--url <url>', 'URL the page was fetched from (its ASIN, storefront and link base when the page does not say)')
    .action(async (file: string, options: { url?: string }) => {
      const html = await readFile(file, 'utf8').catch((error: unknown) => { throw FileAccessError.of(file, 'read', error); });
      // An ExtractionError propagates to main, which prints its code and exits 1.
      const result = extractPage(html, { file, ...(options.url === undefined ? {} : { url: options.url }) });
      console.log(JSON.stringify(result, null, 2));
      if (result.kind === 'blocked' || result.kind === 'unrecognized') process.exitCode = NOT_DATA_EXIT_CODE;
    });
}
