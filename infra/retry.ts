export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Decides from the error whether another attempt can help. */
  readonly isRetriable: (error: unknown) => boolean;
  /** A wait the error itself asks for (an HTTP Retry-After), taken instead of the backoff; undefined: the backoff. */
  readonly delayFor?: (error: unknown) => number | undefined;
  /** Told before each wait: the error, the number of the attempt about to be made (1 for the first retry) and the wait. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 5,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  isRetriable: (error) => (error as { retriable?: unknown }).retriable === true,
};

/**
 * Runs `attempt` until it succeeds, the error is not retriable, or the retries are spent; then
 * rethrows the last error itself, so its class and cause reach the caller unchanged.
 * Delays grow exponentially with full jitter, so clients restarting together do not retry in step.
 */
export async function retry<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.retries || !policy.isRetriable(error)) throw error;
      const delayMs = policy.delayFor?.(error) ?? retryDelayMs(policy, n);
      policy.onRetry?.(error, n + 1, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/**
 * How a delay is spread below its ceiling: `full` anywhere from zero (clients restarting together
 * do not retry in step), `equal` in the upper half (a throttled host gets a real pause, never an
 * immediate retry).
 */
export type Jitter = 'full' | 'equal';

/**
 * The wait after failed attempt `n` (0 for the first), as `retry` waits it: exponential up to the
 * policy's ceiling, with jitter. Also for retries that are no loop around one call, such as
 * fetching a failed batch again or putting a crawl request back in the frontier.
 */
export function retryDelayMs(
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>,
  n: number,
  jitter: Jitter = 'full',
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, n));
  return jitter === 'full' ? random() * ceiling : ceiling / 2 + random() * (ceiling / 2);
}
