import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UrlRefusedError } from '../../../../errors/index.ts';
import { followRedirects, type HopResponse } from '../../../../sources/crawler/follow-redirects.ts';
import { UrlGuard } from '../../../../sources/crawler/url-guard.ts';

const guard = new UrlGuard({
  allowPrivate: false,
  resolve: (host) => Promise.resolve(host === 'internal.example' ? ['10.0.0.5'] : ['93.184.215.14']),
});

/** A site of redirects: each URL answers a status and a Location; the requests made are recorded. */
function site(routes: Record<string, HopResponse>): { fetchOnce: (url: string) => Promise<HopResponse>; requested: string[] } {
  const requested: string[] = [];
  return {
    requested,
    fetchOnce: (url) => {
      requested.push(url);
      return Promise.resolve(routes[url] ?? { status: 404, location: null });
    },
  };
}

describe('followRedirects', () => {
  it('follows relative and absolute Locations to the page, recording the hops', async () => {
    const { fetchOnce, requested } = site({
      'https://shop.example/gp/product/B000000001': { status: 301, location: '/dp/B000000001' },
      'https://shop.example/dp/B000000001': { status: 302, location: 'https://www.shop.example/dp/B000000001' },
      'https://www.shop.example/dp/B000000001': { status: 200, location: null },
    });
    const result = await followRedirects('https://shop.example/gp/product/B000000001', guard, fetchOnce);
    assert.equal(result.url, 'https://www.shop.example/dp/B000000001');
    assert.equal(result.response.status, 200);
    assert.deepEqual(result.redirects, ['https://shop.example/gp/product/B000000001', 'https://shop.example/dp/B000000001']);
    assert.deepEqual(requested, [...result.redirects, result.url]);
  });

  it('refuses a redirect to an internal address before requesting it', async () => {
    const { fetchOnce, requested } = site({ 'https://shop.example/go': { status: 307, location: 'http://internal.example/admin' } });
    await assert.rejects(followRedirects('https://shop.example/go', guard, fetchOnce), (e: unknown) => e instanceof UrlRefusedError && e.reason === 'private-address');
    assert.deepEqual(requested, ['https://shop.example/go']);
  });

  it('refuses the first URL itself without a request when the guard does', async () => {
    const { fetchOnce, requested } = site({});
    await assert.rejects(followRedirects('http://internal.example/', guard, fetchOnce), UrlRefusedError);
    assert.deepEqual(requested, []);
  });

  it('stops a redirect loop after maxRedirects', async () => {
    const { fetchOnce, requested } = site({
      'https://shop.example/a': { status: 302, location: '/b' },
      'https://shop.example/b': { status: 302, location: '/a' },
    });
    await assert.rejects(followRedirects('https://shop.example/a', guard, fetchOnce, 3), (e: unknown) => e instanceof UrlRefusedError && e.reason === 'redirect-loop');
    assert.equal(requested.length, 4);
  });

  it('answers a 3xx without Location as it is', async () => {
    const { fetchOnce } = site({ 'https://shop.example/x': { status: 304, location: null } });
    assert.equal((await followRedirects('https://shop.example/x', guard, fetchOnce)).response.status, 304);
  });
});
