import { Command, InvalidArgumentError } from 'commander';
import { PortUnavailableError } from '../../errors/index.ts';
import { MarketplaceApiServer } from '../../sources/fixtures/marketplace-api/marketplace-api-server.ts';
import { StorefrontServer } from '../../sources/fixtures/storefront/storefront-server.ts';

interface ServeOptions {
  host: string;
  port: number;
  seed: number;
}

interface StorefrontFlags extends ServeOptions {
  products: number;
  throttleEvery?: number;
  robotCheckEvery?: number;
}

interface ApiFlags extends ServeOptions {
  items: number;
  apiKey: string;
  rateLimit?: { limit: number; windowMs: number };
}

interface ServedFixture {
  url: string;
  close(): Promise<void>;
}

/**
 * A command that starts one fixture server on --host and --port with --seed (the caller adds its
 * own options), prints its URL and the lines describing it, and serves until SIGINT or SIGTERM,
 * then closes the server so the port is free at once.
 */
function fixtureServerCommand<O extends ServeOptions, S extends ServedFixture>(
  name: string,
  description: string,
  seeded: string,
  start: (o: O) => Promise<S>,
  describe: (server: S, o: O) => readonly string[],
): Command {
  return new Command(name)
    .description(description)
    .option('--host <address>', 'address to listen on (0.0.0.0 inside a container)', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', port, 0)
    .option('--seed <n>', `seed of the ${seeded}`, integer, 1)
    .action(async (o: O) => {
      const server = await start(o).catch(onListenError);
      console.log(server.url);
      for (const line of describe(server, o)) console.error(line);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
    });
}

export function fixturesCommand(): Command {
  const storefront = fixtureServerCommand(
    'storefront',
    'serve the fixture storefront: Amazon-like product and review pages, robots.txt, 404s, throttling and robot checks',
    'catalog',
    (o: StorefrontFlags) =>
      StorefrontServer.start({
        host: o.host,
        port: o.port,
        seed: o.seed,
        products: o.products,
        ...(o.throttleEvery === undefined ? {} : { throttle: { every: o.throttleEvery } }),
        ...(o.robotCheckEvery === undefined ? {} : { robotCheck: { every: o.robotCheckEvery } }),
      }),
    (server) => server.truth.products.map((p) => `${p.url}  ${p.layout} ${p.variant}`),
  )
    .option('--products <n>', 'products in the catalog', integer, 10)
    .option('--throttle-every <n>', 'answer every nth page request with the 503 throttling page', integer)
    .option('--robot-check-every <n>', 'answer every nth page request with the captcha page', integer);

  const api = fixtureServerCommand(
    'marketplace-api',
    'serve the fixture marketplace product-data API (GET /v1/products, X-API-Key, cursors, rate limit)',
    'feed',
    (o: ApiFlags) =>
      MarketplaceApiServer.start({
        host: o.host,
        port: o.port,
        seed: o.seed,
        items: o.items,
        apiKey: o.apiKey,
        ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit }),
      }),
    (server, o) => [`${o.items} items; poll with SHELFSTREAM_MARKETPLACE_API_URL=${server.url} SHELFSTREAM_MARKETPLACE_API_KEY=${o.apiKey}`],
  )
    .option('--items <n>', 'items in the feed', integer, 120)
    .option('--api-key <key>', 'key clients must send in X-API-Key', 'fixture-key')
    .option('--rate-limit <n/ms>', 'at most n requests per ms milliseconds (10/1000), then 429 with Retry-After', rateLimit);

  return new Command('fixtures')
    .description('serve the stand-ins for the outside internet that tests use: a storefront and a marketplace API (until Ctrl-C)')
    .addCommand(storefront)
    .addCommand(api);
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

const onListenError = (error: unknown): never => {
  throw PortUnavailableError.of('--port', error);
};

/** Commander parser of a port to listen on; the topology command's --metrics-port uses it too. */
export function port(value: string): number {
  const n = integer(value);
  if (n > 65_535) throw new InvalidArgumentError('expected a port from 0 to 65535');
  return n;
}

function rateLimit(value: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (match === null || Number(match[1]) < 1 || Number(match[2]) < 1) throw new InvalidArgumentError('expected <requests>/<milliseconds>, such as 10/1000');
  return { limit: Number(match[1]), windowMs: Number(match[2]) };
}
