import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { readOutcomes, type CrawlOutcome } from '../../../../sources/crawler/crawl-state-store.ts';
import { crawlTopicSpecs, type CrawlTopics } from '../../../../sources/crawler/crawl-topics.ts';
import { importSavedPages } from '../../../../sources/crawler/import-saved-pages.ts';
import { rawPageKey, type RawPage, type RawPageStore } from '../../../../sources/crawler/raw-page-store.ts';
import { savedPageUrl } from '../../../../sources/crawler/saved-page.ts';
import { renderCaptchaPage } from '../../../../sources/fixtures/storefront/render-error-pages.ts';
import { renderProduct2019 } from '../../../../sources/fixtures/storefront/render-product-2019.ts';
import { renderProduct2026 } from '../../../../sources/fixtures/storefront/render-product-2026.ts';
import { renderReviewsPage } from '../../../../sources/fixtures/storefront/render-reviews-page.ts';
import { storefrontCatalog } from '../../../../sources/fixtures/storefront/storefront-catalog.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { inMemoryStack } from '../../../support/in-memory-stack.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfstream-saved-pages-'));
const catalog = storefrontCatalog({ seed: 5 });
const rendered = catalog.products.find((p) => p.variant === 'complete' && p.layout === 'rendered-2026');
const server = catalog.products.find((p) => p.variant === 'complete' && p.layout === 'server-2019' && p.reviews.length > 0);
if (rendered === undefined || server === undefined) throw new Error('the fixture catalog lacks a variant');
const topics: CrawlTopics = { frontier: 't.frontier', state: 't.state', products: 't.pages', reviews: 't.reviews', deadLetter: 't.dead' };
const JOB = 'job-saved-pages';

/** The raw layer in memory: what the importer stores and reads back. */
class MemoryRawStore implements Pick<RawPageStore, 'put' | 'body'> {
  readonly pages = new Map<string, RawPage>();
  put(page: RawPage, asin: string | null): Promise<string> {
    const key = rawPageKey(page.fetchedAt, asin, page.fetchId);
    this.pages.set(key, page);
    return Promise.resolve(key);
  }
  body(key: string): Promise<Buffer> {
    const page = this.pages.get(key);
    return page === undefined ? Promise.reject(new Error(`no ${key}`)) : Promise.resolve(page.body);
  }
}

function save(name: string, html: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, html);
  return file;
}

async function setup() {
  const stack = inMemoryStack();
  const admin = await stack.driver.admin();
  await admin.createTopics(crawlTopicSpecs(topics, 1));
  await admin.close();
  const producer = stack.driver.producer();
  await producer.connect();
  const rawStore = new MemoryRawStore();
  const run = (files: string[]) => importSavedPages({ files, rawStore, serde: stack.serde, driver: stack.driver, producer, topics, job: JOB });
  const values = async (topic: string) => {
    const values: Buffer[] = [];
    await stack.driver.readPartition(topic, 0, (records) => { for (const r of records) if (r.value !== null) values.push(r.value); });
    return values;
  };
  const outcomes = async () => {
    const all: CrawlOutcome[] = [];
    await readOutcomes(stack.driver, topics.state, (_, o) => { if (o !== null) all.push(o); });
    return all;
  };
  return { ...stack, rawStore, run, values, outcomes };
}

describe('importSavedPages', () => {
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('gives the events a crawl of the pages gives, from the stored bytes, and dead-letters a blocked page instead of a product', async () => {
    const s = await setup();
    const product = save('product.html', renderProduct2026(rendered));
    const reviews = save('reviews.html', renderReviewsPage({ product: server, pageNumber: 1, pageCount: 1, reviews: server.reviews.slice(0, 10) }));
    const blocked = save('captcha.html', renderCaptchaPage(`/dp/${rendered.asin}`));
    const results = await s.run([product, reviews, blocked]);

    assert.deepEqual(results.map((r) => [path.basename(r.file), r.verdict, r.asin, r.products, r.reviews]), [
      ['product.html', 'product', rendered.asin, 1, 0],
      ['reviews.html', 'reviews', server.asin, 0, Math.min(10, server.reviews.length)],
      ['captcha.html', 'blocked', null, 0, 0],
    ]);
    const pages = await Promise.all((await s.values(topics.products)).map((v) => s.serde.deserialize(v, readSchemaFile('crawled-product-page'))));
    // The event names the raw copy it was extracted from.
    assert.deepEqual(pages.map((p) => [p.asin, p.crawl_job_id, p.raw_html_key]), [[rendered.asin, JOB, results[0]?.rawKey]]);
    assert.equal((await s.values(topics.reviews)).length, results[1]?.reviews);
    assert.equal((await s.values(topics.deadLetter)).length, 1, 'only the blocked page is dead-lettered');
    assert.deepEqual((await s.outcomes()).map((o) => [o.outcome, o.rawKey]), [['fetched', results[0]?.rawKey], ['fetched', results[1]?.rawKey], ['gave-up', results[2]?.rawKey]]);
    assert.equal(s.rawStore.pages.size, 3, 'every page kept in the raw layer');
  });

  it('writes nothing for a page imported before, and imports a page saved again with other content', async () => {
    const s = await setup();
    const file = save('again.html', renderProduct2026(rendered));
    await s.run([file]);
    const again = await s.run([file]);
    assert.deepEqual(again.map((r) => [r.verdict, r.importedBefore, r.products]), [['product', true, 0]]);
    assert.equal((await s.values(topics.products)).length, 1);
    assert.equal((await s.outcomes()).length, 1);

    writeFileSync(file, renderProduct2026({ ...rendered, title: `${rendered.title ?? ''} (new edition)` }));
    const changed = await s.run([file]);
    assert.deepEqual(changed.map((r) => [r.importedBefore, r.products]), [[false, 1]]);
    assert.equal((await s.values(topics.products)).length, 2);
  });

  it('imports two snapshots of one URL once each, whatever the order of a rerun, and a copy of a page once', async () => {
    const s = await setup();
    const monday = save('monday.html', renderProduct2019(server));
    const tuesday = save('tuesday.html', renderProduct2019({ ...server, title: `${server.title ?? ''} (price changed)` }));
    const copy = save('copy.html', renderProduct2019(server));
    const first = await s.run([monday, tuesday, copy]);
    assert.equal(first[0]?.url, first[1]?.url, 'both snapshots name the same canonical URL');
    assert.deepEqual(first.map((r) => [path.basename(r.file), r.importedBefore, r.products]), [['monday.html', false, 1], ['tuesday.html', false, 1], ['copy.html', true, 0]]);
    const again = await s.run([tuesday, monday, copy]);
    assert.ok(again.every((r) => r.importedBefore && r.products === 0), JSON.stringify(again));
    assert.equal((await s.values(topics.products)).length, 2);
  });
});

describe('savedPageUrl', () => {
  it("is the page's canonical link when it is an http(s) URL", () => {
    assert.equal(savedPageUrl(renderProduct2019(server), '/x/p.html'), `https://www.${server.storefront.domain}/${server.slug}/dp/${server.asin}`);
  });

  it("is the file's own URL when the page has no canonical link, or one that is not http(s)", () => {
    assert.equal(savedPageUrl(renderProduct2026(rendered), '/x/p.html'), pathToFileURL('/x/p.html').href);
    assert.equal(savedPageUrl('<link rel="canonical" href="javascript:void(0)">', '/x/p.html'), pathToFileURL('/x/p.html').href);
  });
});
