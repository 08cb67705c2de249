import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { createKafkaDriver } from '../../../infra/kafka/create-kafka-driver.ts';
import type { KafkaDriver } from '../../../infra/kafka/kafka-driver.ts';
import { createMinioClient } from '../../../infra/object-store/create-minio-client.ts';
import type { AvroSchema } from '../../../schemas/avro-schema.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import { InMemorySchemaRegistry } from '../../../schemas/serde/in-memory-schema-registry.ts';
import type { CrawledProductPage } from '../../../schemas/types/crawled-product-page.ts';
import type { CrawledReview } from '../../../schemas/types/crawled-review.ts';
import { addRequests } from '../../../sources/crawler/add-requests.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../schemas/dead-letter/dead-letter-headers.ts';
import { readOutcomes, type CrawlOutcome } from '../../../sources/crawler/crawl-state-store.ts';
import { crawlTopicSpecs, type CrawlTopics } from '../../../sources/crawler/crawl-topics.ts';
import { hostOf } from '../../../sources/crawler/crawl-url.ts';
import { Crawler } from '../../../sources/crawler/crawler.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { epochDay } from '../../../sources/crawler/page-records.ts';
import { RawPageStore } from '../../../sources/crawler/raw-page-store.ts';
import { reextract } from '../../../sources/crawler/reextract.ts';
import type { CrawlReport } from '../../../sources/crawler/request-outcomes.ts';
import { UrlGuard } from '../../../sources/crawler/url-guard.ts';
import {
  renderCaptchaPage,
  renderServiceUnavailablePage,
  renderSomethingWentWrongPage,
} from '../../../sources/fixtures/storefront/render-error-pages.ts';
import { storefrontCatalog } from '../../../sources/fixtures/storefront/storefront-catalog.ts';
import { productPath, reviewsPagePath } from '../../../sources/fixtures/storefront/storefront-paths.ts';
import { StorefrontServer, type ServedRequest } from '../../../sources/fixtures/storefront/storefront-server.ts';
import type { StorefrontTruth } from '../../../sources/fixtures/storefront/storefront-truth.ts';
import { eventually, readTopic } from '../../support/read-topic.ts';
import { repoPath } from '../../support/repo-path.ts';
import { runCli } from '../../support/run-cli.ts';
import { startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const config = loadConfig();
const PARTITIONS = 2;
const productSchema = readSchemaFile('crawled-product-page');
const reviewSchema = readSchemaFile('crawled-review');

function topicsFor(name: string): CrawlTopics {
  return { frontier: `${name}.frontier`, state: `${name}.state`, products: `${name}.products`, reviews: `${name}.reviews`, deadLetter: `${name}.dead-letters` };
}

async function createTopics(driver: KafkaDriver, topics: CrawlTopics): Promise<void> {
  const admin = await driver.admin();
  try {
    await admin.createTopics(crawlTopicSpecs(topics, PARTITIONS));
  } finally {
    await admin.close();
  }
}

async function decoded<T extends { asin: string }>(driver: KafkaDriver, serde: AvroSerde, topic: string, schema: AvroSchema<T>): Promise<T[]> {
  const records = await readTopic(driver, topic, PARTITIONS);
  return Promise.all(
    records.map(async (r) => {
      const value = await serde.deserialize(r.value ?? Buffer.alloc(0), schema);
      assert.equal(await serde.deserialize(r.key ?? Buffer.alloc(0), KEY_SCHEMA), value.asin, 'keyed by ASIN');
      // Plain objects, as the truth has them: avsc decodes nested records as instances of generated classes.
      return structuredClone(value);
    }),
  );
}

async function outcomes(driver: KafkaDriver, topic: string): Promise<Map<string, CrawlOutcome>> {
  const byUrl = new Map<string, CrawlOutcome>();
  await readOutcomes(driver, topic, (_, outcome) => {
    if (outcome !== null) byUrl.set(outcome.url, outcome);
  });
  return byUrl;
}

/** Every page a complete crawl of the storefront fetches. */
function pageUrls(truth: StorefrontTruth): string[] {
  return [...truth.products.map((p) => p.url), ...truth.reviewPages.map((p) => p.url)];
}

/** A product event with its fetch-specific fields blanked: what the truth can say of it. */
function withoutFetch(page: CrawledProductPage): CrawledProductPage {
  return { ...page, fetched_at: 0, raw_html_key: '', crawl_job_id: '' };
}

/** Data pages served with 200, per target. */
function dataFetches(served: readonly ServedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of served) if (s.kind === 'product' || s.kind === 'reviews') counts.set(s.target, (counts.get(s.target) ?? 0) + 1);
  return counts;
}

interface RunningCrawl {
  readonly kill: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code (or signal) once the process ended. */
  readonly exited: Promise<number | string | null>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** `shelfstream crawl run <args>` as a separate process, as an operator would start it. */
function startCrawl(args: readonly string[], env: Record<string, string>): RunningCrawl {
  const child = spawn(process.execPath, [repoPath('bin/shelfstream.js'), 'crawl', 'run', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => { resolve(code ?? signal); }));
  return { kill: (signal) => child.kill(signal), exited, stdout: () => stdout, stderr: () => stderr };
}

before(() => {
  // A fresh machine gets Debian's chromium here; one that has it returns at once.
  const installed = spawnSync('bash', [repoPath('docker/tools/ensure-chromium')], { encoding: 'utf8' });
  assert.equal(installed.status, 0, `ensure-chromium failed:\n${installed.stderr}`);
});

describe('crawler against the fixture storefront, Kafka, MinIO and Chromium', () => {
  const seed = 11;
  let browser: Browser;
  // The storefront's pages without faults, to compare the raw layer with what was served.
  let twin: StorefrontServer;
  before(async () => {
    browser = await launchChromium();
    twin = await StorefrontServer.start({ seed });
  });
  after(async () => {
    await browser.close();
    await twin.close();
  });

  for (const driverName of ['kafkajs', 'rdkafka'] as const) {
    it(`crawls every product and review page into events equal to the truth, keeps every fetch raw, retries every blocked page (dog page, service unavailable, a captcha on each product's first visit) and counts it per host, never reads one as data, and dead-letters the page without title or price (${driverName})`, async () => {
      const driver = createKafkaDriver(config, driverName);
      const serde = new AvroSerde(new InMemorySchemaRegistry());
      const rawStore = new RawPageStore(createMinioClient(config), config.s3.rawBucket);
      const name = uniqueName('it-crawler').replaceAll('_', '-');
      const job = name;
      const topics = topicsFor(name);
      await createTopics(driver, topics);

      const catalog = storefrontCatalog({ seed });
      const [first, second, , , , sixth] = catalog.products;
      assert.ok(first !== undefined && second !== undefined && sixth !== undefined);
      const throttled = [productPath(first.asin), reviewsPagePath(first.asin, 2)];
      const unavailable = [productPath(second.asin)];
      const store = await StorefrontServer.start({
        seed,
        throttle: { paths: { [throttled[0] ?? '']: [1, 2], [throttled[1] ?? '']: [1] } },
        serviceUnavailable: { paths: { [unavailable[0] ?? '']: [1] } },
        // Every product's first visit, and one review page: the plans above win where they overlap.
        robotCheck: { firstUnder: '/dp/', paths: { [reviewsPagePath(sixth.asin, 1)]: [1] } },
      });
      const { truth } = store;
      const disallowed = `${store.url}/gp/cart/view.html?ref_=nav_cart`;
      const missing = `${store.url}/dp/B0NOSUCHAS`;
      const finalUrls = new Set([...pageUrls(truth), disallowed, missing]);

      const reports: CrawlReport[] = [];
      let finished: () => void = () => undefined;
      const allFinished = new Promise<void>((resolve) => { finished = resolve; });
      const producer = driver.producer();
      await producer.connect();
      const guard = new UrlGuard({ allowPrivate: true });
      const crawler = await Crawler.start({
        driver,
        producer,
        serde,
        rawStore,
        browser,
        guard,
        topics,
        groupId: `${name}.crawler`,
        politeness: { maxConcurrency: 2, delayMs: 20 },
        contexts: 2,
        pagesPerContext: 5,
        timeoutMs: 15_000,
        retry: { retries: 4, initialDelayMs: 100, maxDelayMs: 500 },
        batchBudgetMs: 3_000,
        onReport: (report) => {
          reports.push(report);
          const done = new Set(reports.filter((r) => r.result !== 'retry').map((r) => r.url));
          if ([...finalUrls].every((u) => done.has(u))) finished();
        },
      });
      try {
        const added = await addRequests(producer, topics.frontier, job, [...truth.products.map((p) => p.url), disallowed, missing], guard);
        assert.deepEqual([added.added, added.refused], [truth.products.length + 2, []]);
        const timeout = setTimeout(() => { finished(); }, 180_000);
        await allFinished;
        clearTimeout(timeout);
      } finally {
        await crawler.stop();
        await producer.disconnect();
        await store.close();
      }

      const final = new Map(reports.filter((r) => r.result !== 'retry').map((r) => [r.url, r]));
      assert.deepEqual(new Set(final.keys()), finalUrls, 'every page reached an outcome');
      const served = store.served;

      // Every product page and every review of the ground truth, once, equal to the truth.
      const products = await decoded<CrawledProductPage>(driver, serde, topics.products, productSchema);
      const expectedProducts = truth.products.flatMap((p) => (p.product === null ? [] : [p.product]));
      assert.deepEqual(
        products.map(withoutFetch).sort((a, b) => a.asin.localeCompare(b.asin)),
        expectedProducts.map((p) => withoutFetch({ ...p, url: p.url ?? '', currency: p.currency ?? '', fetched_at: 0, raw_html_key: '', crawl_job_id: '' })).sort((a, b) => a.asin.localeCompare(b.asin)),
      );
      const reviews = await decoded<CrawledReview>(driver, serde, topics.reviews, reviewSchema);
      assert.equal(reviews.length, truth.reviews.size, 'each review once');
      for (const review of reviews) {
        const expected = truth.reviews.get(review.review_id);
        assert.ok(expected !== undefined, `review ${review.review_id} is in the truth`);
        assert.deepEqual(review, { ...expected, review_date: epochDay(expected.review_date), fetched_at: review.fetched_at, crawl_job_id: job });
      }
      for (const page of products) assert.equal(page.crawl_job_id, job);

      // Every fetch is in the raw layer, gzipped, byte for byte as served; events point at a 200 fetch of their page.
      const fetches = reports.filter((r) => r.rawKey !== null);
      const pageRequests = served.filter((s) => s.kind !== 'robots');
      assert.equal(fetches.length, pageRequests.length, 'one raw object per page request the storefront answered');
      const servedByTarget = new Map<string, ServedRequest[]>();
      for (const s of pageRequests) servedByTarget.set(s.target, [...(servedByTarget.get(s.target) ?? []), s]);
      for (const report of fetches) {
        const target = report.url.slice(store.url.length);
        const answer = servedByTarget.get(target)?.[report.attempt - 1];
        assert.ok(answer !== undefined, `fetch ${report.attempt} of ${target} was served`);
        const blockedPages: Partial<Record<ServedRequest['kind'], string>> = {
          'something-went-wrong': renderSomethingWentWrongPage(),
          'service-unavailable': renderServiceUnavailablePage(),
          captcha: renderCaptchaPage(target),
        };
        const expected = blockedPages[answer.kind] ?? (await (await fetch(`${twin.url}${target}`)).text());
        const raw = await rawStore.body(report.rawKey ?? '');
        assert.equal(raw.toString('utf8'), expected, `raw HTML of ${target} (attempt ${report.attempt}, ${answer.kind})`);
        const meta = await rawStore.head(report.rawKey ?? '');
        assert.deepEqual([meta.url, meta.job, meta.status], [report.url, job, answer.status]);
        assert.match(report.rawKey ?? '', /^pages\/\d{4}-\d{2}-\d{2}\/[A-Z0-9]{10}\/[0-9a-f-]{36}\.html\.gz$/);
      }
      const fetchedKeys = new Set(reports.filter((r) => r.result === 'fetched').map((r) => r.rawKey));
      for (const page of products) assert.ok(fetchedKeys.has(page.raw_html_key), `${page.asin} comes from a page that was data`);

      // Blocked pages were retried until they were data (or the 404 they hid), and counted per host and kind; none became data.
      const servedKinds = (kind: ServedRequest['kind']): string[] => served.filter((s) => s.kind === kind).map((s) => s.target).sort();
      assert.deepEqual(servedKinds('something-went-wrong'), [throttled[0], throttled[0], throttled[1]].sort());
      assert.deepEqual(servedKinds('service-unavailable'), unavailable);
      const captchas = [...truth.products.map((p) => p.url.slice(store.url.length)).filter((t) => t !== throttled[0] && t !== unavailable[0]), '/dp/B0NOSUCHAS', reviewsPagePath(sixth.asin, 1)];
      assert.deepEqual(servedKinds('captcha'), captchas.sort());
      assert.deepEqual(crawler.stats.blockedByHost, { [hostOf(store.url)]: { 'something-went-wrong': 3, 'service-unavailable': 1, captcha: captchas.length } });
      assert.equal(crawler.stats.blocked, 4 + captchas.length);
      for (const target of [...throttled, ...unavailable, reviewsPagePath(sixth.asin, 1)]) assert.equal(final.get(`${store.url}${target}`)?.result, 'fetched', target);
      for (const page of products) assert.ok(page.title !== null && page.title !== '' && page.url !== '' && page.currency !== '', `${page.asin} has its fields`);

      // Each data page was fetched with success once: finished URLs are not fetched again.
      assert.deepEqual([...dataFetches(served).values()].filter((n) => n !== 1), []);
      assert.equal(dataFetches(served).size, pageUrls(truth).length);

      // The pages without title or price are dead-lettered with their raw key; nothing else is.
      const broken = truth.products.filter((p) => p.product === null);
      assert.ok(broken.length > 0);
      const dead = await readTopic(driver, topics.deadLetter, PARTITIONS);
      assert.deepEqual(dead.map((d) => d.headers[H.url]?.toString()).sort(), broken.map((p) => p.url).sort());
      for (const letter of dead) {
        assert.equal(letter.headers[H.code]?.toString(), 'EXTRACT_MISSING_FIELD');
        assert.equal(letter.headers[H.field]?.toString(), 'title');
        assert.equal(letter.headers[H.job]?.toString(), job);
        const rawKey = letter.headers[H.rawKey]?.toString() ?? '';
        const target = (letter.headers[H.url]?.toString() ?? '').slice(store.url.length);
        assert.equal((await rawStore.body(rawKey)).toString('utf8'), await (await fetch(`${twin.url}${target}`)).text(), `raw HTML of ${target}`);
        assert.equal((JSON.parse(letter.value?.toString() ?? '{}') as { url?: string }).url, letter.headers[H.url]?.toString(), 'the frontier request, to replay');
      }

      // robots.txt was honoured; the unknown ASIN is a 404; the state topic has every outcome.
      assert.equal(served.some((s) => s.target.startsWith('/gp/cart')), false);
      const state = await outcomes(driver, topics.state);
      assert.equal(state.get(disallowed)?.outcome, 'disallowed');
      assert.equal(state.get(missing)?.outcome, 'not-found');
      for (const p of broken) assert.equal(state.get(p.url)?.outcome, 'dead-lettered');
      for (const url of pageUrls(truth).filter((u) => !broken.some((p) => p.url === u))) assert.equal(state.get(url)?.outcome, 'fetched', url);

      // The context pool recycled its contexts (5 pages each).
      assert.ok(crawler.contextsOpened >= Math.ceil(pageRequests.length / 5), `opened ${crawler.contextsOpened} contexts`);

      // Re-extraction from the raw layer writes the same events again, and dead-letters the same pages.
      const again = topicsFor(`${name}-again`);
      await createTopics(driver, again);
      const reproducer = driver.producer();
      await reproducer.connect();
      try {
        const summary = await reextract({ rawStore, serde, producer: reproducer, topics: again, job });
        assert.deepEqual(summary, {
          pages: pageRequests.length,
          products: expectedProducts.length,
          reviews: truth.reviews.size,
          deadLettered: broken.length,
          notData: pageRequests.length - pageUrls(truth).length,
        });
      } finally {
        await reproducer.disconnect();
      }
      const byKey = (a: { raw_html_key: string }, b: { raw_html_key: string }): number => a.raw_html_key.localeCompare(b.raw_html_key);
      assert.deepEqual((await decoded<CrawledProductPage>(driver, serde, again.products, productSchema)).sort(byKey), [...products].sort(byKey));
      const byId = (a: CrawledReview, b: CrawledReview): number => a.review_id.localeCompare(b.review_id);
      assert.deepEqual((await decoded<CrawledReview>(driver, serde, again.reviews, reviewSchema)).sort(byId), [...reviews].sort(byId));
      const deadAgain = await readTopic(driver, again.deadLetter, PARTITIONS);
      assert.deepEqual(deadAgain.map((d) => d.headers[H.rawKey]?.toString()).sort(), dead.map((d) => d.headers[H.rawKey]?.toString()).sort());
    });
  }

  it('resumes after SIGKILL without fetching finished URLs again, and stops gracefully on SIGTERM (crawl add and crawl run as processes)', async () => {
    const driver = createKafkaDriver(config);
    const name = uniqueName('it-crawler-resume').replaceAll('_', '-');
    const job = name;
    const topics = topicsFor(name);
    const registry = await startTestRegistry(`${name}._schemas`);
    const store = await StorefrontServer.start({ seed: 17 });
    const { truth } = store;
    const dir = await mkdtemp(path.join(tmpdir(), 'shelfstream-crawl-'));
    const env = {
      SHELFSTREAM_CRAWL_ALLOW_PRIVATE: 'true',
      SHELFSTREAM_SCHEMA_REGISTRY_URL: registry.url,
      // The killed crawler's partitions move to the next one once its session expires.
      SHELFSTREAM_KAFKA_SESSION_TIMEOUT_MS: '10000',
    };
    const topicFlags = [
      '--frontier-topic', topics.frontier, '--state-topic', topics.state, '--products-topic', topics.products,
      '--reviews-topic', topics.reviews, '--dead-letter-topic', topics.deadLetter, '--partitions', String(PARTITIONS),
    ];
    const runFlags = [...topicFlags, '--group', `${name}.crawler`, '--host-delay', '50', '--retry-delay', '100', '--retry-max-delay', '500'];
    try {
      const seeds = path.join(dir, 'seeds.txt');
      await writeFile(seeds, `# the fixture storefront's products\n${truth.products.map((p) => p.url).join('\n')}\n\n`);
      const added = await runCli(['crawl', 'add', seeds, '--job', job, ...topicFlags], env);
      assert.equal(added.code, 0, added.stderr);
      assert.deepEqual(JSON.parse(added.stdout), { job, added: truth.products.length, refused: [] });
      const refused = await runCli(['crawl', 'add', `${store.url}/dp/B0LOOPBACK`, '--job', job, ...topicFlags], { ...env, SHELFSTREAM_CRAWL_ALLOW_PRIVATE: 'false' });
      assert.equal(refused.code, 1, 'a loopback URL is refused without SHELFSTREAM_CRAWL_ALLOW_PRIVATE');
      assert.equal((JSON.parse(refused.stdout) as { added: number }).added, 0);

      const first = startCrawl(runFlags, env);
      const fetchedFirst = await eventually(
        () => Promise.resolve([...dataFetches(store.served).values()].length),
        (n) => n >= 6,
        120_000,
      );
      assert.ok(fetchedFirst >= 6, `the first crawler fetched pages:\n${first.stderr()}`);
      first.kill('SIGKILL');
      assert.equal(await first.exited, 'SIGKILL');
      const finishedBefore = [...(await outcomes(driver, topics.state)).keys()];
      assert.ok(finishedBefore.length > 0 && finishedBefore.length < pageUrls(truth).length, `killed mid-crawl (${finishedBefore.length} finished)`);

      const second = startCrawl(runFlags, env);
      const state = await eventually(() => outcomes(driver, topics.state), (o) => pageUrls(truth).every((u) => o.has(u)), 180_000);
      assert.deepEqual(pageUrls(truth).filter((u) => !state.has(u)), [], `every page finished:\n${second.stderr()}`);
      second.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.stderr());
      const stats = JSON.parse(second.stdout()) as { pages: number; fetches: number };
      assert.ok(stats.pages > 0 && stats.pages <= stats.fetches, 'the second crawler prints its totals on SIGTERM');

      // No URL finished before the kill was fetched again; the rest at most twice (those in flight when killed).
      const fetches = dataFetches(store.served);
      for (const url of finishedBefore) assert.equal(fetches.get(url.slice(store.url.length)), 1, `${url} fetched once`);
      for (const url of pageUrls(truth)) assert.ok([1, 2].includes(fetches.get(url.slice(store.url.length)) ?? 0), url);

      // Every product page and review landed (a page fetched twice may have written its events twice).
      const serde = new AvroSerde(new HttpSchemaRegistryClient({ url: registry.url, timeoutMs: 10_000 }));
      const products = await decoded(driver, serde, topics.products, productSchema);
      assert.deepEqual(
        [...new Set(products.map((p) => p.asin))].sort(),
        truth.products.flatMap((p) => (p.product === null ? [] : [p.asin])).sort(),
      );
      const reviews = await decoded(driver, serde, topics.reviews, reviewSchema);
      assert.deepEqual([...new Set(reviews.map((r) => r.review_id))].sort(), [...truth.reviews.keys()].sort());
    } finally {
      await store.close();
      await registry.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
