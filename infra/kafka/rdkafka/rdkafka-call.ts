import type * as Rdkafka from 'node-rdkafka';
import { KafkaClientError } from '../../../errors/index.ts';

/** librdkafka's error as the project's, keeping its code and retriable flag. */
export function rdkafkaError(error: Rdkafka.LibrdKafkaError): KafkaClientError {
  return new KafkaClientError(error.message, error.code, error.isRetriable ?? false, { cause: error });
}

/** A node-rdkafka callback call as a promise; its error becomes a `KafkaClientError`. */
export function rdkafkaCall<T>(call: (cb: (err: Rdkafka.LibrdKafkaError | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((err, value) => {
      if (err) reject(rdkafkaError(err));
      else resolve(value);
    });
  });
}
