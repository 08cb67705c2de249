import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'cheerio';
import { asinInPath } from './extract/find-asin.ts';

/** A page saved from a browser or a scraper, as the raw layer will keep it. */
export interface SavedPage {
  /** Absolute path of the file. */
  readonly file: string;
  readonly body: Buffer;
  /** When the page was saved, the file's modification time: what a crawl's fetch time would be. */
  readonly savedAt: number;
  /** Its canonical link when that is an http(s) URL; else the file's own file: URL. */
  readonly url: string;
  /** The product its URL names, for the raw key; null when it names none. */
  readonly asin: string | null;
  /** SHA-256 of the bytes, hex: the page's content identity. */
  readonly sha256: string;
}

/**
 * Reads a saved page. A saved file has no URL of its own: the page's `<link rel="canonical">` is
 * the URL it was served at, as the crawler would have fetched it; a page without one (a rendered
 * DOM often drops it) is known by its file: URL, and its extractors find its ASIN and storefront
 * in the markup, as `shelfstream extract` does without `--url`.
 */
export async function readSavedPage(file: string): Promise<SavedPage> {
  const absolute = path.resolve(file);
  const [body, info] = await Promise.all([readFile(absolute), stat(absolute)]);
  const url = savedPageUrl(body.toString('utf8'), absolute);
  return {
    file: absolute,
    body,
    savedAt: Math.trunc(info.mtimeMs),
    url,
    asin: asinInPath(url.startsWith('file:') ? undefined : new URL(url).pathname) ?? null,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
}

/** The URL a saved page stands for: see readSavedPage. */
export function savedPageUrl(html: string, file: string): string {
  const canonical = load(html)('link[rel="canonical"]').attr('href');
  if (canonical !== undefined && URL.canParse(canonical)) {
    const url = new URL(canonical);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      url.hash = '';
      return url.href;
    }
  }
  return pathToFileURL(file).href;
}

/** Whether a URL is a saved page's own file: URL, which extractors must not resolve links against. */
export const isFileUrl = (url: string): boolean => url.startsWith('file:');
