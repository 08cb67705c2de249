import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { Secret } from '../../../../config/index.ts';
import {
  ApiResponseError,
  CredentialsRejectedError,
  MalformedResponseError,
  RateLimitedError,
  ServiceUnavailableError,
  type ShelfstreamError,
} from '../../../../errors/index.ts';
import type { MarketplaceApiServer } from '../../../../sources/fixtures/marketplace-api/marketplace-api-server.ts';
import { MarketplaceApiClient } from '../../../../sources/poller/marketplace-api-client.ts';
import { withMarketplaceApi } from '../../../support/with-marketplace-api.ts';

/** Read through the base class, where `retriable` is a plain boolean, as the retry policy reads it. */
const retriable = (e: ShelfstreamError): boolean => e.retriable;

const clientOf = (api: MarketplaceApiServer, key = api.apiKey) => new MarketplaceApiClient({ url: api.url, apiKey: new Secret(key), pageSize: 10 });

describe('MarketplaceApiClient', () => {
  it('fetches a page: its items, next cursor and whether more follow; then the next page from the cursor', async () => {
    await withMarketplaceApi({ items: 15 }, async (api) => {
      const client = clientOf(api);
      const first = await client.fetchPage({});
      assert.deepEqual(first.items, api.catalog.items.slice(0, 10).map((i) => i.item));
      assert.equal(first.hasMore, true);
      assert.ok(first.nextCursor !== null);
      assert.equal(new URL(first.url).searchParams.get('limit'), '10');
      const second = await client.fetchPage({ cursor: first.nextCursor });
      assert.deepEqual(second.items, api.catalog.items.slice(10).map((i) => i.item));
      assert.equal(second.hasMore, false);
    });
  });

  it('turns each failure into a typed error that says whether to retry', async () => {
    await withMarketplaceApi({ faults: { 1: 'rate-limited', 2: 'server-error', 3: 'unavailable', 4: 'malformed-json' }, retryAfterSeconds: 3 }, async (api) => {
      const client = clientOf(api);
      await assert.rejects(clientOf(api, 'wrong').fetchPage({}), (e: unknown) => e instanceof CredentialsRejectedError && !retriable(e) && e.location.setting === 'SHELFSTREAM_MARKETPLACE_API_KEY');
      await assert.rejects(client.fetchPage({}), (e: unknown) => e instanceof RateLimitedError && retriable(e) && e.retryAfterMs === 3000);
      await assert.rejects(client.fetchPage({}), (e: unknown) => e instanceof ApiResponseError && e.status === 500 && e.retriable);
      await assert.rejects(client.fetchPage({}), (e: unknown) => e instanceof ApiResponseError && e.status === 503 && e.retriable);
      await assert.rejects(client.fetchPage({}), (e: unknown) => e instanceof MalformedResponseError && retriable(e) && e.body.startsWith('{"data":['));
      await assert.rejects(client.fetchPage({ cursor: 'bogus' }), (e: unknown) => e instanceof ApiResponseError && e.status === 400 && !e.retriable);
    });
  });

  it('calls a refused connection and a silent server unavailable, both retriable', async () => {
    const silent = createServer(() => undefined);
    const sockets: Socket[] = [];
    silent.on('connection', (s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const slow = new MarketplaceApiClient({ url: `http://127.0.0.1:${port}`, apiKey: new Secret('k'), timeoutMs: 300 });
      await assert.rejects(slow.fetchPage({}), (e: unknown) => e instanceof ServiceUnavailableError && retriable(e) && /no answer within 300 ms/.test(e.message));
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
    const refused = new MarketplaceApiClient({ url: `http://127.0.0.1:${port}`, apiKey: new Secret('k') });
    await assert.rejects(refused.fetchPage({}), (e: unknown) => e instanceof ServiceUnavailableError && e.location.setting === 'SHELFSTREAM_MARKETPLACE_API_URL');
  });
});
