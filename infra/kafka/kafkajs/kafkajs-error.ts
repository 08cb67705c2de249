import kafkajs from 'kafkajs';
import { KafkaClientError, type ErrorLocation } from '../../../errors/index.ts';

/**
 * A kafkajs error as the project's `KafkaClientError`: the protocol error's type (or the error's
 * name) as its code, kafkajs' retriable flag, and where it happened when known. Any other error,
 * such as a batch handler's own, passes unchanged.
 */
export function fromKafkajs(error: unknown, location: ErrorLocation = {}): unknown {
  if (!(error instanceof kafkajs.KafkaJSError)) return error;
  const type = (error as { type?: unknown }).type;
  return new KafkaClientError(error.message, typeof type === 'string' ? type : error.name, error.retriable, { cause: error, location });
}

/** Awaits a kafkajs call, its error as `fromKafkajs` makes it. */
export async function kafkajsCall<T>(call: () => Promise<T>, location?: ErrorLocation): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromKafkajs(error, location);
  }
}
