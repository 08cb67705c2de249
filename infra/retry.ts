export interface RetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Decides from the error whether another attempt can help. */
  readonly isRetriable: (error: unknown) => boolean;
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
      const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** n);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}
