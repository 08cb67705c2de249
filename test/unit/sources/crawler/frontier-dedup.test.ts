import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UrlRefusedError, ValidationError } from '../../../../errors/index.ts';
import type { IncomingRecord } from '../../../../infra/kafka/kafka-driver.ts';
import { CrawlLedger } from '../../../../sources/crawler/crawl-ledger.ts';
import { crawlRequest, frontierRecord, parseFrontierRecord } from '../../../../sources/crawler/crawl-request.ts';
import { crawlUrl } from '../../../../sources/crawler/crawl-url.ts';
import { selectRequests } from '../../../../sources/crawler/select-requests.ts';

function incoming(value: string | Buffer | null, offset = '7'): IncomingRecord {
  return { topic: 'frontier', partition: 0, offset, key: null, value: typeof value === 'string' ? Buffer.from(value) : value, headers: {}, timestamp: 0 };
}

/** A frontier batch of these requests, at offsets 0, 1, 2... */
function batchOf(...requests: ReturnType<typeof crawlRequest>[]): IncomingRecord[] {
  return requests.map((r, i) => incoming(frontierRecord(r).value, String(i)));
}

describe('crawlUrl', () => {
  it('normalizes what the server would see the same: host case, default port, fragment, dot segments', () => {
    assert.equal(crawlUrl('HTTPS://WWW.Amazon.com:443/a/../dp/B07G2L3JMM#customerReviews'), 'https://www.amazon.com/dp/B07G2L3JMM');
    assert.equal(crawlUrl('/product-reviews/B07G2L3JMM?pageNumber=2', 'http://127.0.0.1:8080/dp/B07G2L3JMM'), 'http://127.0.0.1:8080/product-reviews/B07G2L3JMM?pageNumber=2');
  });

  it('keeps the query as written: paging and ref paths are part of the page', () => {
    const url = 'https://www.amazon.com/product-reviews/B07G2L3JMM/ref=cm_cr_arp_d_paging_btm_next_2?ie=UTF8&reviewerType=all_reviews&pageNumber=2';
    assert.equal(crawlUrl(url), url);
  });

  it('refuses what is not http(s)', () => {
    assert.throws(() => crawlUrl('mailto:a@b.c'), UrlRefusedError);
    assert.throws(() => crawlUrl('::'), UrlRefusedError);
  });
});

describe('frontier records', () => {
  it('round-trip, keyed by job and host so one host stays on one partition', () => {
    const seed = crawlRequest('job-1', 'https://www.amazon.com/dp/B07G2L3JMM#x');
    const link = crawlRequest('job-1', 'https://www.amazon.com/product-reviews/B07G2L3JMM', { url: seed.url, depth: seed.depth });
    const [seedRecord, linkRecord] = [frontierRecord(seed), frontierRecord(link)];
    assert.equal(seedRecord.key?.toString(), 'job-1|www.amazon.com');
    assert.deepEqual(linkRecord.key, seedRecord.key);
    assert.deepEqual(parseFrontierRecord(incoming(seedRecord.value)), { ...seed, url: 'https://www.amazon.com/dp/B07G2L3JMM' });
    assert.deepEqual(parseFrontierRecord(incoming(linkRecord.value)), link);
    assert.equal(link.depth, 1);
    assert.equal(link.referrer, 'https://www.amazon.com/dp/B07G2L3JMM');
  });

  it('refuses anything else with a ValidationError that names the record', () => {
    const good = crawlRequest('job-1', 'https://www.amazon.com/dp/B07G2L3JMM');
    for (const bad of ['not json', 'null', JSON.stringify({ ...good, job: 'a|b' }), JSON.stringify({ ...good, url: 'file:///etc/passwd' }), JSON.stringify({ ...good, attempt: -1 })]) {
      const error = (() => {
        try {
          parseFrontierRecord(incoming(bad));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(error instanceof ValidationError, bad);
      assert.deepEqual(error.location, { topic: 'frontier', partition: 0, offset: '7' });
    }
  });
});

describe('CrawlLedger', () => {
  it('finishes a URL per job: the same URL in another job is a new page', () => {
    const ledger = new CrawlLedger();
    ledger.markFinished('a', 'https://shop.example/dp/1');
    assert.equal(ledger.isFinished('a', 'https://shop.example/dp/1'), true);
    assert.equal(ledger.isFinished('b', 'https://shop.example/dp/1'), false);
    assert.equal(ledger.finishedCount, 1);
  });

  it('queues a link once, and never one already finished', () => {
    const ledger = new CrawlLedger();
    assert.equal(ledger.markQueued('a', 'https://shop.example/product-reviews/1'), true);
    assert.equal(ledger.markQueued('a', 'https://shop.example/product-reviews/1'), false);
    ledger.markFinished('a', 'https://shop.example/dp/2');
    assert.equal(ledger.markQueued('a', 'https://shop.example/dp/2'), false);
    assert.equal(ledger.isFinished('a', 'https://shop.example/product-reviews/1'), false, 'queued is not finished');
    assert.equal(ledger.isKnown('a', 'https://shop.example/product-reviews/1'), true);
  });

  it('forgets a finished URL on a tombstone, so the job may crawl it again', () => {
    const ledger = new CrawlLedger();
    ledger.markFinished('a', 'https://shop.example/dp/1');
    ledger.forget('a', 'https://shop.example/dp/1');
    assert.equal(ledger.isKnown('a', 'https://shop.example/dp/1'), false);
  });
});

describe('selectRequests', () => {
  const product = 'https://shop.example/dp/B000000001';
  const reviews = 'https://shop.example/product-reviews/B000000001';

  it('skips URLs finished in their job, and keeps them for other jobs', () => {
    const ledger = new CrawlLedger();
    ledger.markFinished('a', product);
    const { selected, skipped } = selectRequests(batchOf(crawlRequest('a', product), crawlRequest('b', product), crawlRequest('a', reviews)), ledger);
    assert.deepEqual(selected.map((s) => [s.request.job, s.request.url]), [['b', product], ['a', reviews]]);
    assert.equal(skipped, 1);
  });

  it('takes a URL repeated in one batch once (a seed added twice, a link seen on two pages), the first of them', () => {
    const retry = { ...crawlRequest('a', product), attempt: 2, notBefore: 1 };
    const { selected, skipped } = selectRequests(batchOf(crawlRequest('a', product), retry, crawlRequest('a', `${product}#again`)), new CrawlLedger());
    const [first, ...others] = selected;
    assert.ok(first !== undefined && others.length === 0);
    assert.equal(first.request.attempt, 0);
    assert.equal(first.record.offset, '0');
    assert.equal(skipped, 2);
  });

  it('sets malformed records apart with their error, and goes on', () => {
    const records = [incoming('{"job":"a"}', '0'), ...batchOf(crawlRequest('a', product)).map((r) => ({ ...r, offset: '1' }))];
    const { selected, malformed } = selectRequests(records, new CrawlLedger());
    assert.equal(selected.length, 1);
    assert.deepEqual(malformed.map((m) => [m.record.offset, m.error.code]), [['0', 'VALIDATION_FAILED']]);
  });
});
