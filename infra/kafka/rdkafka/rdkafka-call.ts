import type * as Rdkafka from 'node-rdkafka';
import { KafkaClientError } from '../../../errors/index.ts';
import { loadRdkafka } from './load-rdkafka.ts';

// librdkafka sets isRetriable only on transactional errors; a request answered with one of these
// (a leader moving, a topic still being created, a broker or coordinator not there yet) may pass
// on its own, as Kafka's protocol error table says of them and as kafkajs marks them.
const RETRIABLE = [
  'ERR_UNKNOWN_TOPIC_OR_PART', 'ERR_LEADER_NOT_AVAILABLE', 'ERR_NOT_LEADER_FOR_PARTITION', 'ERR_REQUEST_TIMED_OUT',
  'ERR_NETWORK_EXCEPTION', 'ERR_COORDINATOR_LOAD_IN_PROGRESS', 'ERR_COORDINATOR_NOT_AVAILABLE', 'ERR_NOT_COORDINATOR',
  'ERR_NOT_ENOUGH_REPLICAS', 'ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'ERR_FENCED_LEADER_EPOCH', 'ERR_UNKNOWN_LEADER_EPOCH',
  'ERR__TRANSPORT', 'ERR__ALL_BROKERS_DOWN', 'ERR__TIMED_OUT', 'ERR__UNKNOWN_PARTITION', 'ERR__UNKNOWN_TOPIC', 'ERR__WAIT_COORD',
] as const;
let retriableCodes: ReadonlySet<number> | undefined;

/** librdkafka's error as the project's, keeping its code and whether it may pass on its own. */
export function rdkafkaError(error: Rdkafka.LibrdKafkaError): KafkaClientError {
  retriableCodes ??= new Set(RETRIABLE.map((name) => loadRdkafka().CODES.ERRORS[name]));
  const retriable = error.isRetriable === true || retriableCodes.has(error.code);
  return new KafkaClientError(error.message, error.code, retriable, { cause: error });
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
