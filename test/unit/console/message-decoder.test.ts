import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageDecoder } from '../../../console/server/message-decoder.ts';
import { RegistryBrowser } from '../../../console/server/registry-browser.ts';
import { deadLetterRecord } from '../../../schemas/dead-letter/dead-letter-record.ts';
import { HttpSchemaRegistryClient } from '../../../schemas/serde/http-schema-registry.ts';
import type { RawMessage } from '../../../console/server/kafka-browser.ts';

// Plain JSON values never reach the registry: an address nothing listens on is enough.
const client = new HttpSchemaRegistryClient({ url: 'http://127.0.0.1:9' });
const decoder = new MessageDecoder(client, new RegistryBrowser(client));

function asRead(record: ReturnType<typeof deadLetterRecord>): RawMessage {
  const headers = Object.fromEntries(Object.entries(record.headers ?? {}).map(([k, v]) => [k, String(v)]));
  return { partition: 0, offset: '12', timestamp: String(record.timestamp), key: record.key, value: record.value, headers };
}

describe('MessageDecoder on side outputs', () => {
  it('gives a late record its window, the watermark that closed it, its event time and lateness', async () => {
    const eventTime = Date.UTC(2024, 0, 15, 10, 0, 30);
    const record = deadLetterRecord(
      { key: Buffer.from('o-1'), value: Buffer.from('{"order_id":"o-1"}'), timestamp: eventTime },
      { code: 'LATE_RECORD', message: 'too late', step: 'revenue-per-minute', window: { start: eventTime - 30_000, end: eventTime + 30_000, watermark: eventTime + 95_000 } },
      { topic: 'orders', partition: 2, offset: '41' },
    );
    const decoded = await decoder.decode('app.late', asRead(record));
    assert.deepEqual(decoded.deadLetter, {
      code: 'LATE_RECORD',
      message: 'too late',
      step: 'revenue-per-minute',
      origin: 'orders/2@41',
      window: { start: eventTime - 30_000, end: eventTime + 30_000, watermark: eventTime + 95_000, eventTime, latenessMs: 95_000 },
    });
    assert.equal(decoded.value.shown, '{\n  "order_id": "o-1"\n}');
  });

  it('gives a dead letter no window', async () => {
    const record = deadLetterRecord({ key: null, value: Buffer.from('x') }, { code: 'VALIDATION_FAILED', message: 'bad', step: 'validate-orders' }, { file: 'sales.csv', line: 7 });
    const decoded = await decoder.decode('app.dead-letter', asRead(record));
    assert.deepEqual(decoded.deadLetter, { code: 'VALIDATION_FAILED', message: 'bad', step: 'validate-orders', origin: 'sales.csv:7' });
  });
});
