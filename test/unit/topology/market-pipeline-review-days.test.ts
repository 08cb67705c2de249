import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Topology } from '../../../runtime/topology.ts';
import { KEY_SCHEMA } from '../../../schemas/record-keys.ts';
import { readSchemaFile } from '../../../schemas/schema-files.ts';
import { subjectName } from '../../../schemas/serde/subject-name.ts';
import type { CrawledReview } from '../../../schemas/types/crawled-review.ts';
import type { WindowAggregate } from '../../../schemas/types/window-aggregate.ts';
import { sideOutputSink } from '../../../sinks/kafka/side-output-sink.ts';
import { loadingInto, type SinkFactory } from '../../../sinks/sink.ts';
import { DEFAULT_GENERATOR_START } from '../../../sources/generator/generated-event.ts';
import { generateReviews } from '../../../sources/generator/review-generator.ts';
import { asinReviewWindows } from '../../../topology/market-windows.ts';
import { reviewsSubTopology } from '../../../topology/market-pipeline-topology.ts';
import { expectedAsinReviewDays, latestMovement } from '../../support/expected-asin-windows.ts';
import { inMemoryStack, until, type InMemoryStack } from '../../support/in-memory-stack.ts';
import { readTopic } from '../../support/read-topic.ts';
import { startRunner, throwIfFatal } from '../../support/runner-under-test.ts';

const APP = 'market';
const REVIEWS = { topic: 'reviews', partitions: 3 };
const DAYS = 'asin-reviews-per-day';
const CRAWLED_AT = Date.UTC(2026, 5, 1);

/**
 * An in-memory reviews_raw: the rows each task's sink added, kept once flushed. Stands in for
 * ClickHouse, whose insert sink has tests of its own; here it shows what the windows' fan-out hands on.
 */
function memoryTable(): { rows: Record<string, unknown>[]; sink: SinkFactory<Record<string, unknown>> } {
  const rows: Record<string, unknown>[] = [];
  const sink = loadingInto<Record<string, unknown>>({ system: 'ClickHouse', table: 'reviews_raw' }, () => {
    let pending: Record<string, unknown>[] = [];
    return {
      open: () => Promise.resolve(undefined),
      add: (batch) => { pending.push(...batch.records.map((r) => r.value)); return Promise.resolve(); },
      flush: () => { rows.push(...pending); pending = []; return Promise.resolve(); },
      close: () => { pending = []; return Promise.resolve(); },
    };
  });
  return { rows, sink };
}

async function produce(stack: InMemoryStack, reviews: readonly CrawledReview[]): Promise<void> {
  const encodeKey = await stack.serde.serializer(subjectName(REVIEWS.topic, 'key'), KEY_SCHEMA);
  const encodeValue = await stack.serde.serializer(subjectName(REVIEWS.topic, 'value'), readSchemaFile('crawled-review'));
  const producer = stack.driver.producer();
  await producer.connect();
  await producer.send(REVIEWS.topic, reviews.map((r) => ({ key: encodeKey(r.asin), value: encodeValue(r), timestamp: r.fetched_at })));
  await producer.disconnect();
}

async function windows(stack: InMemoryStack): Promise<WindowAggregate[]> {
  const records = await readTopic(stack.driver, DAYS, REVIEWS.partitions).catch(() => []);
  return Promise.all(records.flatMap((r) => (r.value === null ? [] : [stack.serde.deserialize(r.value, readSchemaFile('window-aggregate'))])));
}

const sortedEntries = (figures: object) => JSON.stringify(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));

describe('the market pipeline: reviews per ASIN and day written', () => {
  it('counts each distinct valid review once in the day it was written, whatever order the crawl met the dates in, across a restart', async () => {
    const stack = inMemoryStack();
    const admin = await stack.driver.admin();
    await admin.createTopics([REVIEWS]);
    await admin.close();
    const table = memoryTable();
    const days = asinReviewWindows({ topic: DAYS, earlyEveryMs: 0 }, APP, REVIEWS, stack.serde);
    const topology = () =>
      new Topology({
        applicationId: APP,
        inputs: [REVIEWS],
        subTopologies: [reviewsSubTopology({ reviews: REVIEWS, serde: stack.serde, table: table.sink, dedupeWithinMs: 7 * 86_400_000, repartition: days.input }), days.windows],
        sideOutputs: sideOutputSink,
      });

    // Reviews written over two months, crawled newest first per product and in one sitting: their dates go backwards.
    const written = [...generateReviews({ seed: 7, count: 120, start: DEFAULT_GENERATOR_START, eventsPerSecond: 120 / (60 * 86_400), catalogSize: 6 })].map((e) => e.value);
    const crawled = [...written].reverse().map((r, i) => ({ ...r, fetched_at: CRAWLED_AT + i * 1000 }));
    const invalid = { ...crawled[0], review_id: 'RBROKEN', rating: 9 } as CrawledReview;
    await produce(stack, [...crawled.slice(0, 70), invalid, ...crawled.slice(0, 5)]);
    const one = await startRunner(topology(), stack.driver);
    await until('the first run', async () => { throwIfFatal(one); return sortedEntries(latestMovement(await windows(stack))) === sortedEntries(expectedAsinReviewDays(crawled.slice(0, 70))); });
    await one.runner.stop();

    // A new member takes the window state from the changelog; the rest of the crawl, with a re-crawl of the start.
    await produce(stack, [...crawled.slice(70), ...crawled.slice(0, 10)]);
    const two = await startRunner(topology(), stack.driver);
    await until('the second run', async () => { throwIfFatal(two); return sortedEntries(latestMovement(await windows(stack))) === sortedEntries(expectedAsinReviewDays(crawled)); });
    await two.runner.stop();

    assert.equal(sortedEntries(latestMovement(await windows(stack))), sortedEntries(expectedAsinReviewDays(crawled)));
    assert.ok(new Set(crawled.map((r) => r.review_date)).size > 20, 'the reviews span many days');
    assert.deepEqual(table.rows.map((r) => r.review_id).sort(), crawled.map((r) => r.review_id).sort(), 'each distinct valid review once in the table');
    assert.ok(table.rows.every((r) => typeof r.sentiment === 'string'), 'rows carry their sentiment');
    assert.equal((await readTopic(stack.driver, `${APP}.late`, 3)).length, 0, 'nothing late: dates a year apart still count');
    const dead = await readTopic(stack.driver, `${APP}.dead-letter`, 3);
    assert.equal(dead.length, 1, 'the invalid review dead-lettered');
  });
});
