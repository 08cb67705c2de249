import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../support/run-cli.ts';
import { savedPagePath, savedPages } from './saved-pages.ts';

describe('shelfstream extract', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shelfstream-extract-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the product and its reviews of a real saved page as JSON and exits 0', async () => {
    const result = await runCli(['extract', savedPagePath(savedPages.charger)]);
    assert.equal(result.killed, false);
    assert.equal(result.code, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as { kind: string; product: Record<string, unknown>; reviews: unknown[] };
    assert.equal(printed.kind, 'product');
    assert.equal(printed.product.asin, 'B0DR8G428S');
    assert.equal(printed.product.price_minor, 3599);
    assert.equal(printed.product.list_price_minor, 4599);
    assert.equal(printed.reviews.length, 8);
  });

  it('prints the blocked verdict of a robot-check page and exits 3', async () => {
    const file = path.join(dir, 'robot-check.html');
    await writeFile(file, `<html><head><title>Amazon.com</title></head><body><h4>Enter the characters you see below</h4>
      <form method="get" action="/errors/validateCaptcha"><input name="field-keywords"></form></body></html>`);
    const result = await runCli(['extract', file, '--url', 'https://www.amazon.com/dp/B0DR8G428S']);
    assert.equal(result.code, 3, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { kind: 'blocked', reason: 'captcha' });
  });

  it('prints the extraction error of a product page without a price and exits 1', async () => {
    const file = path.join(dir, 'no-price.html');
    await writeFile(file, '<html><body><div id="dp-container"><span id="productTitle">Kettle</span></div></body></html>');
    const result = await runCli(['extract', file, '--url', 'https://www.amazon.com/dp/B0KETTLE07']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^shelfstream: error \[EXTRACT_MISSING_FIELD\]: product page B0KETTLE07 has no buy-box price/);
  });
});
