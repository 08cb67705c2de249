import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExtractionError, ValidationError } from '../../../../errors/index.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../../schemas/dead-letter/dead-letter-headers.ts';
import { crawlDeadLetter } from '../../../../sources/crawler/crawl-dead-letters.ts';

const frontier = { key: Buffer.from('http://shop/dp/B1'), value: Buffer.from('{"url":"http://shop/dp/B1"}') };

describe('crawlDeadLetter', () => {
  it('keeps the frontier record bytes and puts the reason, page, job, raw key and attempts in headers', () => {
    const error = new ExtractionError('EXTRACT_MISSING_FIELD', 'price', 'no price on the page');
    const letter = crawlDeadLetter(frontier, error, { url: 'http://shop/dp/B1', job: 'nightly', rawKey: 'raw/2026/B1.html.gz', attempts: 2 });
    assert.deepEqual([letter.key, letter.value], [frontier.key, frontier.value]);
    assert.deepEqual(letter.headers, {
      [H.code]: 'EXTRACT_MISSING_FIELD',
      [H.message]: 'no price on the page',
      [H.step]: 'crawler',
      [H.field]: 'price',
      [H.attempts]: '2',
      [H.url]: 'http://shop/dp/B1',
      [H.job]: 'nightly',
      [H.rawKey]: 'raw/2026/B1.html.gz',
    });
  });

  it('has no raw key header for a request that was never fetched', () => {
    const letter = crawlDeadLetter(frontier, new ValidationError(['url: required'], { topic: 'frontier', partition: 0, offset: '3' }), { url: '', job: '', rawKey: null, attempts: 0 });
    assert.equal(letter.headers?.[H.code], 'VALIDATION_FAILED');
    assert.equal(letter.headers[H.rawKey], undefined);
    assert.equal(letter.headers[H.attempts], '0');
  });
});
