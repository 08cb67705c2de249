import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutgoingRecord } from '../../../../infra/kafka/kafka-driver.ts';
import { requestSized } from '../../../../infra/kafka/kafkajs/kafkajs-producer.ts';

const BROKER_MESSAGE_MAX_BYTES = 1_048_588;

describe('requestSized', () => {
  it('keeps every request under the broker limit when headers outweigh the values, as a late record’s do', () => {
    const late: OutgoingRecord = { key: Buffer.alloc(20), value: Buffer.alloc(140), headers: { 'shelfstream.dead-letter.reason': 'x'.repeat(600), 'shelfstream.source': Buffer.alloc(30) } };
    const requests = [...requestSized(Array.from({ length: 20_000 }, () => late))];
    assert.equal(requests.reduce((n, r) => n + r.length, 0), 20_000);
    for (const request of requests) {
      const bytes = request.reduce((n, r) => n + 160 + Object.entries(r.headers ?? {}).reduce((h, [k, v]) => h + k.length + v.length, 0), 0);
      assert.ok(bytes < BROKER_MESSAGE_MAX_BYTES, `a request of ${bytes} bytes`);
    }
  });
});
