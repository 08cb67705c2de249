import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPage } from '../../../../../sources/crawler/extract/index.ts';

/** Hand-written after the pages Amazon serves to crawlers; not copies of them. */
const robotCheck = `<!doctype html><html><head><title>Amazon.com</title></head><body>
  <div class="a-container"><h4>Enter the characters you see below</h4>
  <p class="a-last">Sorry, we just need to make sure you're not a robot.</p>
  <form method="get" action="/errors/validateCaptcha" name="">
    <input type="hidden" name="amzn" value="x"><img src="https://images-na.ssl-images-amazon.com/captcha/abc/Captcha_xyz.jpg">
    <input autocomplete="off" type="text" id="captchacharacters" name="field-keywords"><button type="submit">Continue shopping</button>
  </form></div></body></html>`;

const automatedAccess = `<html><head><title>Amazon.com</title></head><body>
  <p>To discuss automated access to Amazon data please contact api-services-support@amazon.com.</p></body></html>`;

const throttled = `<!doctype html><html><head><title>Sorry! Something went wrong!</title></head><body>
  <!-- To discuss automated access to Amazon data please contact api-services-support@amazon.com. -->
  <a href="/ref=cs_503_logo"><img src="https://images-na.ssl-images-amazon.com/images/G/01/error/logo.png" alt="Amazon.com"></a>
  <p>Sorry! Something went wrong on our end. Please go back and try again or go to Amazon's home page.</p>
  <img src="https://images-na.ssl-images-amazon.com/images/G/01/error/500_503.png" alt="Dogs of Amazon"></body></html>`;

/** The older robot check: a "Robot Check" title and a captcha image to copy. */
const typeTheCharacters = `<html><head><title>Robot Check</title></head><body>
  <h4>Type the characters you see in this image:</h4><img src="https://images-na.ssl-images-amazon.com/captcha/abc/Captcha_xyz.jpg">
  <input type="text" name="field-keywords"></body></html>`;

/** A 503 that only names the API support address: judged unrecognized before blocked pages had kinds. */
const serviceUnavailable = `<!doctype html><html><head><title>Service Unavailable Error</title></head><body>
  <h1>Service Unavailable</h1><p>For automated access to price change or offer listing change events, please contact
  api-services-support@amazon.com.</p></body></html>`;

/** The dog page's other wording, with a comma: unrecognized before too. */
const somethingWentWrongComma = `<html><head><title>Amazon.com</title></head><body>
  <div><h2>Sorry, something went wrong.</h2><p>We're working on it and we'll get it fixed as soon as we can.</p>
  <img src="https://m.media-amazon.com/images/G/01/error/dog.jpg" alt="Dogs of Amazon"></div></body></html>`;

const notFound = `<html><head><title>Page Not Found</title></head><body>
  <p>Looking for something? We're sorry. The Web address you entered is not a functioning page on our site.</p></body></html>`;

const unrelated = `<html><head><title>Example Domain</title></head><body><h1>Example Domain</h1>
  <p>This domain is for use in illustrative examples in documents.</p></body></html>`;

describe('extractPage verdicts on pages that are not data', () => {
  it('calls a captcha page blocked by a captcha, with or without a URL that looks like a product, in both wordings', () => {
    assert.deepEqual(extractPage(robotCheck), { kind: 'blocked', reason: 'captcha' });
    assert.deepEqual(extractPage(robotCheck, { url: 'https://www.amazon.com/dp/B07G2L3JMM' }), { kind: 'blocked', reason: 'captcha' });
    assert.deepEqual(extractPage(typeTheCharacters), { kind: 'blocked', reason: 'captcha' });
  });

  it('calls the pages that point to the API support address service-unavailable', () => {
    assert.deepEqual(extractPage(automatedAccess), { kind: 'blocked', reason: 'service-unavailable' });
    assert.deepEqual(extractPage(serviceUnavailable, { url: 'https://www.amazon.com/dp/B07G2L3JMM' }), { kind: 'blocked', reason: 'service-unavailable' });
  });

  it('calls the "Sorry! Something went wrong" dog page something-went-wrong in both wordings', () => {
    assert.deepEqual(extractPage(throttled), { kind: 'blocked', reason: 'something-went-wrong' });
    assert.deepEqual(extractPage(somethingWentWrongComma), { kind: 'blocked', reason: 'something-went-wrong' });
  });

  it('calls a page not found and an unrelated page unrecognized, with the reason', () => {
    assert.deepEqual(extractPage(notFound), { kind: 'unrecognized', reason: 'page not found' });
    assert.deepEqual(extractPage(unrelated), { kind: 'unrecognized', reason: 'no product, reviews or search-results markup' });
    assert.deepEqual(extractPage(''), { kind: 'unrecognized', reason: 'no product, reviews or search-results markup' });
  });
});
