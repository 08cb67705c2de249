import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceUnavailableError, ConfigError } from '../../../errors/index.ts';
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
});
