import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as Rdkafka from 'node-rdkafka';
import { KafkaClientError } from '../../../../errors/index.ts';
import { rdkafkaCall } from '../../../../infra/kafka/rdkafka/rdkafka-call.ts';

const librdkafkaError = (code: number, message: string, isRetriable = false): Rdkafka.LibrdKafkaError =>
  Object.assign(new Error(message), { code, errno: code, origin: 'kafka', isRetriable, isFatal: false, isTxnRequiresAbort: false, stack: '' });

const failed = (error: Rdkafka.LibrdKafkaError): Promise<unknown> =>
  rdkafkaCall<undefined>((cb) => { cb(error, undefined); }).catch((e: unknown) => e);

describe('node-rdkafka errors', () => {
  it('a leader moving or a topic not yet served may pass: retriable, with the protocol code', async () => {
    for (const [code, message] of [[6, 'Broker: Not leader for partition'], [3, 'Broker: Unknown topic or partition'], [-195, 'Local: Broker transport failure']] as const) {
      const error = await failed(librdkafkaError(code, message));
      assert.ok(error instanceof KafkaClientError);
      assert.equal(error.code, `KAFKA_${String(code)}`);
      assert.equal(error.retriable, true, message);
    }
  });

  it('a refused request stays refused, unless librdkafka itself says it may pass', async () => {
    const denied = await failed(librdkafkaError(29, 'Broker: Topic authorization failed'));
    assert.ok(denied instanceof KafkaClientError);
    assert.equal(denied.retriable, false);
    const txn = await failed(librdkafkaError(-172, 'Local: Erroneous state', true));
    assert.ok(txn instanceof KafkaClientError);
    assert.equal(txn.retriable, true);
  });
});
