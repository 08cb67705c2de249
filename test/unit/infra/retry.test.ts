import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, RateLimitedError, ServiceUnavailableError } from '../../../errors/index.ts';
import { retry, type RetryPolicy } from '../../../infra/retry.ts';

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
