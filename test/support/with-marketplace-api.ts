import { MarketplaceApiServer, type MarketplaceApiOptions } from '../../sources/fixtures/marketplace-api/marketplace-api-server.ts';

/** Runs `body` against a fixture marketplace API started with `options`, closed after whatever happens. */
export async function withMarketplaceApi(options: MarketplaceApiOptions, body: (api: MarketplaceApiServer) => Promise<void>): Promise<void> {
  const api = await MarketplaceApiServer.start(options);
  try {
    await body(api);
  } finally {
    await api.close();
  }
}
