import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExtractionError, UnusablePageError } from '../../../../errors/index.ts';
import { decodeBody } from '../../../../sources/crawler/decode-body.ts';
import { judgePage, type PageJudgement } from '../../../../sources/crawler/judge-page.ts';
import {
  renderCaptchaPage,
  renderNotFoundPage,
  renderServiceUnavailablePage,
  renderSomethingWentWrongPage,
} from '../../../../sources/fixtures/storefront/render-error-pages.ts';
import { renderProduct2019 } from '../../../../sources/fixtures/storefront/render-product-2019.ts';
import { renderProduct2026 } from '../../../../sources/fixtures/storefront/render-product-2026.ts';
import { storefrontCatalog } from '../../../../sources/fixtures/storefront/storefront-catalog.ts';
import { readSavedPage, savedPages } from './extract/saved-pages.ts';

const catalog = storefrontCatalog({ seed: 3 });
const complete = catalog.products.find((p) => p.variant === 'complete' && p.layout === 'rendered-2026');
const broken = catalog.products.find((p) => p.variant === 'no-title-or-price');
if (complete === undefined || broken === undefined) throw new Error('the fixture catalog lacks a variant');
const productHtml = renderProduct2026(complete);
const url = `http://127.0.0.1:8080/dp/${complete.asin}`;

function judge(status: number, html: string): PageJudgement {
  return judgePage({ url, status, html, rawKey: 'pages/2026-01-01/X/f.html.gz' });
}

describe('judgePage', () => {
  it('reads a product page as data', () => {
    const judgement = judge(200, productHtml);
    assert.ok(judgement.kind === 'data' && judgement.extraction.kind === 'product');
    assert.equal(judgement.extraction.product.asin, complete.asin);
  });

  it('never reads data from a 503 or 429 answer, even one that carries a whole product page; its page says which block it is', () => {
    assert.deepEqual(judge(503, productHtml), { kind: 'blocked', reason: 'service-unavailable' });
    assert.deepEqual(judge(429, productHtml), { kind: 'blocked', reason: 'throttled' });
    assert.deepEqual(judge(503, ''), { kind: 'blocked', reason: 'service-unavailable' });
    assert.deepEqual(judge(503, renderSomethingWentWrongPage()), { kind: 'blocked', reason: 'something-went-wrong' });
    assert.deepEqual(judge(503, renderServiceUnavailablePage()), { kind: 'blocked', reason: 'service-unavailable' });
    assert.deepEqual(judge(503, renderCaptchaPage(`/dp/${complete.asin}`)), { kind: 'blocked', reason: 'captcha' });
  });

  it('takes every blocked page of the fixture storefront as blocked whatever its status, never as data or a dead letter', () => {
    for (const status of [200, 403, 404, 500]) {
      assert.deepEqual(judge(status, renderCaptchaPage(`/dp/${complete.asin}`)), { kind: 'blocked', reason: 'captcha' }, `captcha ${status}`);
      assert.deepEqual(judge(status, renderSomethingWentWrongPage()), { kind: 'blocked', reason: 'something-went-wrong' }, `dog page ${status}`);
      assert.deepEqual(judge(status, renderServiceUnavailablePage()), { kind: 'blocked', reason: 'service-unavailable' }, `service unavailable ${status}`);
    }
  });

  it('reads the real saved pages as data, none of them as blocked: their scripts mention robots and errors', () => {
    const kinds = Object.fromEntries(
      (['sconce', 'charger', 'monitorReviews', 'chargerSearch'] as const).map((name) => {
        const judgement = judgePage({ url: 'https://www.amazon.com/', status: 200, html: readSavedPage(savedPages[name]), rawKey: name });
        return [name, judgement.kind === 'data' ? judgement.extraction.kind : judgement.kind];
      }),
    );
    assert.deepEqual(kinds, { sconce: 'product', charger: 'product', monitorReviews: 'reviews', chargerSearch: 'search' });
  });

  it('dead-letters a product page without title or price, with the raw key in the error', () => {
    const judgement = judge(200, renderProduct2019(broken));
    assert.ok(judgement.kind === 'dead-letter' && judgement.error instanceof ExtractionError);
    assert.equal(judgement.error.field, 'title');
    assert.equal(judgement.error.location.file, 'pages/2026-01-01/X/f.html.gz');
  });

  it('dead-letters a 200 page the extractors do not recognize', () => {
    const judgement = judge(200, '<html><head><title>Sign-In</title></head><body><h1>Sign in</h1></body></html>');
    assert.ok(judgement.kind === 'dead-letter' && judgement.error instanceof UnusablePageError);
    assert.equal(judgement.error.code, 'CRAWL_PAGE_UNRECOGNIZED');
  });

  it('ends 404s and other client errors without a dead letter; retries other server errors', () => {
    assert.deepEqual(judge(404, renderNotFoundPage()), { kind: 'not-found', status: 404 });
    assert.deepEqual(judge(410, ''), { kind: 'not-found', status: 410 });
    assert.deepEqual(judge(500, '<html><body>Internal error</body></html>'), { kind: 'server-error', status: 500 });
    assert.deepEqual(judge(502, renderProduct2019(broken)), { kind: 'server-error', status: 502 });
  });
});

describe('decodeBody', () => {
  it('decodes in the charset the Content-Type names, UTF-8 otherwise', () => {
    assert.equal(decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/html; charset=ISO-8859-1'), 'café');
    assert.equal(decodeBody(Buffer.from('café'), 'text/html'), 'café');
    assert.equal(decodeBody(Buffer.from('café'), 'text/html; charset="no-such-charset"'), 'café');
    assert.equal(decodeBody(Buffer.from('café'), null), 'café');
  });
});
