import type { RetryPolicy } from '../../infra/retry.ts';

/**
 * How long a request waits before its next attempt after `failures` failed ones: exponential
 * up to the policy's ceiling, as infra/retry.ts grows its delays, but with "equal" jitter (half
 * fixed, half random) rather than full jitter: a throttled host must get a real pause, and full
 * jitter may retry at once.
 */
export function retryDelay(policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
