import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, RateLimitedError, ServiceUnavailableError } from '../../../errors/index.ts';
import { retry, retryDelayMs, type RetryPolicy } from '../../../infra/retry.ts';

const fast: RetryPolicy = { retries: 3, initialDelayMs: 1, maxDelayMs: 2, isRetriable: (e) => (e as { retriable?: boolean }).retriable === true };

describe('retry', () => {
  it('retries a retriable error until an attempt succeeds', async () => {
    const attempts: number[] = [];
    const result = await retry(async (n) => {
      attempts.push(n);
      if (n < 2) throw new ServiceUnavailableError('Kafka', 'SHELFSTREAM_KAFKA_BROKERS', 'not yet');
      return Promise.resolve('done');
    }, fast);
    assert.equal(result, 'done');
    assert.deepEqual(attempts, [0, 1, 2]);
  });

  it('gives up after the last retry and rethrows the last error itself', async () => {
    let calls = 0;
    const last = new ServiceUnavailableError('Kafka', 'SHELFSTREAM_KAFKA_BROKERS', 'still down');
    await assert.rejects(
      retry(() => {
        calls++;
        return Promise.reject(last);
      }, fast),
      (e) => e === last,
    );
    assert.equal(calls, fast.retries + 1);
  });

  it('does not retry an error that cannot pass', async () => {
    let calls = 0;
    await assert.rejects(
      retry(() => {
        calls++;
        return Promise.reject(new ConfigError([{ env: 'SHELFSTREAM_X', flag: '--x', message: 'bad' }]));
      }, fast),
      ConfigError,
    );
    assert.equal(calls, 1);
  });

  it('waits what the error asks for instead of the backoff, and tells each retry with its wait', async () => {
    const told: [string, number, number][] = [];
    const started = Date.now();
    const result = await retry(async (n) => {
      if (n === 0) throw new RateLimitedError('the API', 150);
      if (n === 1) throw new ServiceUnavailableError('the API', 'SHELFSTREAM_MARKETPLACE_API_URL', 'down');
      return Promise.resolve(n);
    }, {
      ...fast,
      delayFor: (e) => (e instanceof RateLimitedError ? e.retryAfterMs : undefined),
      onRetry: (e, attempt, delayMs) => told.push([(e as { code: string }).code, attempt, delayMs]),
    });
    assert.equal(result, 2);
    assert.ok(Date.now() - started >= 150, 'the Retry-After was not waited');
    assert.deepEqual(told.map(([code, attempt]) => [code, attempt]), [['API_RATE_LIMITED', 1], ['SERVICE_UNAVAILABLE', 2]]);
    assert.equal(told[0]?.[2], 150);
    assert.ok((told[1]?.[2] ?? Infinity) <= fast.maxDelayMs);
  });
});

describe('retryDelayMs', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 10_000 };
  const range = (n: number, jitter: 'full' | 'equal'): [number, number] => [retryDelayMs(policy, n, jitter, () => 0), retryDelayMs(policy, n, jitter, () => 1)];

  it('doubles per attempt up to the ceiling: full jitter from zero, equal jitter from half of it', () => {
    assert.deepEqual([0, 1, 2, 4, 30].map((n) => range(n, 'full')), [[0, 1_000], [0, 2_000], [0, 4_000], [0, 10_000], [0, 10_000]]);
    assert.deepEqual([0, 1, 2, 4, 30].map((n) => range(n, 'equal')), [[500, 1_000], [1_000, 2_000], [2_000, 4_000], [5_000, 10_000], [5_000, 10_000]]);
  });

  it('spreads retries made together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(policy, 2, 'equal')));
    assert.ok(delays.size > 10);
    for (const d of delays) assert.ok(d >= 2_000 && d <= 4_000);
  });
});
