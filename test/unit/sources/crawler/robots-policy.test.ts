import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageFetchError } from '../../../../errors/index.ts';
import { RobotsPolicy, type RobotsFile } from '../../../../sources/crawler/robots-policy.ts';

const ROBOTS = `# a storefront's rules
User-agent: *
Disallow: /gp/cart
Disallow: /ap/
Allow: /dp/

User-agent: ShelfstreamBot
Disallow: /gp/cart
Disallow: /s?
Crawl-delay: 3

User-agent: GreedyBot
Disallow: /
`;

/** A robots.txt fetcher answering from a table by origin, counting what it was asked. */
function fetcher(files: Record<string, RobotsFile | Error>): { fetchRobots: (url: string) => Promise<RobotsFile>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchRobots: (url) => {
      asked.push(url);
      const file = files[new URL(url).origin];
      if (file === undefined) return Promise.resolve({ status: 404, body: '' });
      return file instanceof Error ? Promise.reject(file) : Promise.resolve(file);
    },
  };
}

describe('RobotsPolicy', () => {
  it('applies the group of its own user agent, with its Crawl-delay', async () => {
    const { fetchRobots } = fetcher({ 'https://shop.example': { status: 200, body: ROBOTS } });
    const rules = await new RobotsPolicy({ agent: 'ShelfstreamBot', fetchRobots }).rulesFor('https://shop.example/dp/B000000001');
    assert.equal(rules.isAllowed('https://shop.example/dp/B000000001'), true);
    assert.equal(rules.isAllowed('https://shop.example/product-reviews/B000000001?pageNumber=2'), true);
    assert.equal(rules.isAllowed('https://shop.example/gp/cart/view.html'), false);
    assert.equal(rules.isAllowed('https://shop.example/s?k=kettle'), false);
    // Its own group replaces the * group: /ap/ is not disallowed for it.
    assert.equal(rules.isAllowed('https://shop.example/ap/signin'), true);
    assert.equal(rules.crawlDelayMs, 3_000);
  });

  it('falls back to the * group for an agent no group names', async () => {
    const { fetchRobots } = fetcher({ 'https://shop.example': { status: 200, body: ROBOTS } });
    const rules = await new RobotsPolicy({ agent: 'OtherBot', fetchRobots }).rulesFor('https://shop.example/');
    assert.equal(rules.isAllowed('https://shop.example/ap/signin'), false);
    assert.equal(rules.isAllowed('https://shop.example/dp/B000000001'), true);
    assert.equal(rules.crawlDelayMs, undefined);
  });

  it('allows everything when robots.txt is not there (4xx)', async () => {
    const { fetchRobots } = fetcher({ 'https://open.example': { status: 403, body: 'Forbidden' } });
    const policy = new RobotsPolicy({ agent: 'ShelfstreamBot', fetchRobots });
    assert.equal((await policy.rulesFor('https://open.example/x')).isAllowed('https://open.example/gp/cart'), true);
    assert.equal((await policy.rulesFor('https://missing.example/x')).isAllowed('https://missing.example/anything'), true);
  });

  it('fetches each origin once while its rules are fresh', async () => {
    const { fetchRobots, asked } = fetcher({ 'https://shop.example': { status: 200, body: ROBOTS } });
    const policy = new RobotsPolicy({ agent: 'ShelfstreamBot', fetchRobots });
    await Promise.all([policy.rulesFor('https://shop.example/a'), policy.rulesFor('https://shop.example/b')]);
    await policy.rulesFor('https://shop.example/c');
    await policy.rulesFor('http://shop.example/c');
    assert.deepEqual(asked, ['https://shop.example/robots.txt', 'http://shop.example/robots.txt']);
  });

  it('refetches once the rules are older than the TTL', async () => {
    const { fetchRobots, asked } = fetcher({ 'https://shop.example': { status: 200, body: ROBOTS } });
    const policy = new RobotsPolicy({ agent: 'ShelfstreamBot', fetchRobots, ttlMs: -1 });
    await policy.rulesFor('https://shop.example/a');
    await policy.rulesFor('https://shop.example/b');
    assert.equal(asked.length, 2);
  });

  it('treats a 5xx or unreachable robots.txt as a retriable failure, and asks again next time', async () => {
    const { fetchRobots, asked } = fetcher({
      'https://down.example': { status: 503, body: 'Service Unavailable' },
      'https://gone.example': new PageFetchError('https://gone.example/robots.txt', 'connect ECONNREFUSED'),
    });
    const policy = new RobotsPolicy({ agent: 'ShelfstreamBot', fetchRobots });
    const failure = await policy.rulesFor('https://down.example/dp/X').then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof PageFetchError && failure.retriable);
    await assert.rejects(policy.rulesFor('https://down.example/dp/Y'), PageFetchError);
    await assert.rejects(policy.rulesFor('https://gone.example/dp/X'), PageFetchError);
    assert.equal(asked.filter((u) => u.startsWith('https://down.example')).length, 2);
  });
});
