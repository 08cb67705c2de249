import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowError } from '../../../../errors/index.ts';
import type { KafkaProducer, OutgoingRecord } from '../../../../infra/kafka/kafka-driver.ts';
import { DEAD_LETTER_HEADERS as H } from '../../../../schemas/dead-letter/dead-letter-headers.ts';
import { readSchemaFile } from '../../../../schemas/schema-files.ts';
import { AvroSerde } from '../../../../schemas/serde/avro-serde.ts';
import { InMemorySchemaRegistry } from '../../../../schemas/serde/in-memory-schema-registry.ts';
import { ReplayBatch } from '../../../../sources/replay/replay-batch.ts';

describe('ReplayBatch', () => {
  it('dead-letters a row as its raw text with code, reason, field, file, line and kind in headers', async () => {
    const sent: { topic: string; records: readonly OutgoingRecord[] }[] = [];
    const producer: KafkaProducer = {
      connect: () => Promise.resolve(),
      send: (topic, records) => Promise.resolve(void sent.push({ topic, records })),
      disconnect: () => Promise.resolve(),
    };
    const batch = new ReplayBatch({
      producer,
      serde: new AvroSerde(new InMemorySchemaRegistry()),
      topic: 'orders',
      deadLetterTopic: 'orders.dead-letter',
      schema: readSchemaFile('sales-order'),
      kind: 'sales',
    });
    batch.deadLetter('ORD7,2023-13-40', new RowError('ROW_INVALID', 'Date is not a date', { file: 'sales.csv', line: 8 }, 'Date'));
    assert.deepEqual(await batch.send(), { produced: 0, deadLettered: 1 });
    assert.deepEqual(sent.map((s) => [s.topic, s.records.length]), [['orders.dead-letter', 1]]);
    const letter = sent[0]?.records[0];
    assert.ok(letter);
    assert.equal(letter.key, null);
    assert.equal(letter.value?.toString(), 'ORD7,2023-13-40');
    assert.deepEqual(letter.headers, {
      [H.code]: 'ROW_INVALID',
      [H.message]: 'Date is not a date',
      [H.step]: 'replay-csv',
      [H.field]: 'Date',
      [H.file]: 'sales.csv',
      [H.line]: '8',
      [H.kind]: 'sales',
    });
  });
});
