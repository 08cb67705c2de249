import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import kafkajs from 'kafkajs';
import { KafkaClientError, ValidationError } from '../../../../errors/index.ts';
import { fromKafkajs, kafkajsCall } from '../../../../infra/kafka/kafkajs/kafkajs-error.ts';

describe('kafkajs errors', () => {
  it('become KafkaClientErrors with the protocol type as code, the retriable flag and the location', async () => {
    const protocol = new kafkajs.KafkaJSProtocolError('This server does not host this topic-partition');
    Object.assign(protocol, { type: 'UNKNOWN_TOPIC_OR_PARTITION', retriable: true });
    const error = await kafkajsCall(() => Promise.reject(protocol), { topic: 'orders', partition: 2 }).catch((e: unknown) => e);
    assert.ok(error instanceof KafkaClientError);
    assert.equal(error.code, 'KAFKA_UNKNOWN_TOPIC_OR_PARTITION');
    assert.equal(error.retriable, true);
    assert.deepEqual(error.location, { topic: 'orders', partition: 2 });
    assert.equal(error.cause, protocol);
  });

  it('are named by their class when they carry no protocol type', () => {
    const error = fromKafkajs(new kafkajs.KafkaJSNonRetriableError('Consumer group was not initialized'));
    assert.ok(error instanceof KafkaClientError);
    assert.equal(error.code, 'KAFKA_KAFKAJSNONRETRIABLEERROR');
    assert.equal(error.retriable, false);
  });

  it('leave an error of the batch handler as it is', () => {
    const own = new ValidationError(['bad record'], { topic: 'orders' });
    assert.equal(fromKafkajs(own), own);
  });
});
