import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

// patches/kafkajs+2.2.4.patch rewrites how kafkajs encodes a produce request: a produce request
// encoded by the patched code must decode, through kafkajs' own fetch-side decoder, to the messages
// given, partition by partition and in order.
const require = createRequire(import.meta.url);

interface Message { key: Buffer | null; value: Buffer | null; headers?: Record<string, string | Buffer>; timestamp?: string; partition?: number }
interface DecodedRecord { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer>; timestamp: string; offset: string }
interface Decoder { readString(): string; readInt16(): number; readInt32(): number; readArray<T>(read: (d: Decoder) => T): T[]; slice(size: number): Decoder; forward(size: number): void }

const produceRequest = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (args: object) => { encode(): Promise<{ buffer: Buffer }> };
const groupMessagesPerPartition = require('kafkajs/src/producer/groupMessagesPerPartition.js') as (args: object) => Record<string, Message[]>;
const DecoderClass = require('kafkajs/src/protocol/decoder.js') as new (buffer: Buffer) => Decoder;
const decodeRecordBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (d: Decoder) => Promise<{ firstTimestamp: string; maxTimestamp: string; inTransaction: boolean; records: DecodedRecord[] }>;

/** A produce request's partition entry: its number and a decoder over its record batch alone. */
function partitionBatch(p: Decoder): { partition: number; batch: Decoder } {
  const partition = p.readInt32();
  const size = p.readInt32();
  const batch = p.slice(size);
  p.forward(size);
  return { partition, batch };
}

async function roundTrip(messages: readonly Message[]) {
  const grouped = groupMessagesPerPartition({ topic: 't', partitionMetadata: [{ partitionId: 0 }, { partitionId: 1 }], messages, partitioner: ({ message }: { message: Message }) => message.partition });
  const partitions = Object.entries(grouped).map(([partition, group]) => ({ partition: Number(partition), firstSequence: 0, messages: group }));
  const { buffer } = await produceRequest({ acks: -1, timeout: 1000, transactionalId: 'tx', topicData: [{ topic: 't', partitions }] }).encode();
  const decoder = new DecoderClass(buffer);
  assert.equal(decoder.readString(), 'tx');
  decoder.readInt16();
  decoder.readInt32();
  const topics = decoder.readArray((d) => ({ topic: d.readString(), partitions: d.readArray(partitionBatch) }));
  const out = new Map<number, Awaited<ReturnType<typeof decodeRecordBatch>>>();
  for (const { partition, batch } of topics[0]?.partitions ?? []) out.set(partition, await decodeRecordBatch(batch));
  return out;
}

describe('kafkajs produce requests, as patched', () => {
  it('encode every message with its key, value, headers and timestamp, grouped by partition in the order given', async () => {
    const messages: Message[] = Array.from({ length: 600 }, (_, i) => ({
      key: i % 7 === 0 ? null : Buffer.from(`k${i}`),
      value: i % 11 === 0 ? null : Buffer.alloc(100 + (i % 300), i % 256),
      headers: i % 5 === 0 ? {} : { 'shelfstream.source': `orders/${i % 2}`, 'shelfstream.offset': Buffer.from(String(i)) },
      // Timestamps of different lengths: a sort as strings would take 999 for the greatest.
      timestamp: String(i % 3 === 0 ? 999 + i : 1_700_000_000_000 + i),
      partition: i % 2,
    }));
    const batches = await roundTrip(messages);
    assert.deepEqual([...batches.keys()].sort(), [0, 1]);
    for (const [partition, batch] of batches) {
      const sent = messages.filter((m) => m.partition === partition);
      const stamps = sent.map((m) => Number(m.timestamp));
      assert.equal(batch.firstTimestamp, String(Math.min(...stamps)));
      assert.equal(batch.maxTimestamp, String(Math.max(...stamps)));
      assert.equal(batch.inTransaction, true);
      assert.equal(batch.records.length, sent.length);
      batch.records.forEach((record, i) => {
        const m = sent[i];
        assert.ok(m !== undefined);
        assert.equal(record.offset, String(i));
        assert.equal(record.timestamp, m.timestamp);
        assert.deepEqual(record.key, m.key);
        assert.deepEqual(record.value, m.value);
        assert.deepEqual(
          Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, v.toString()])),
          Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, v.toString()])),
        );
      });
    }
  });

  it('stamps the time of the request on messages that carry none', async () => {
    const before = Date.now();
    const batch = (await roundTrip([{ key: null, value: Buffer.from('a'), partition: 0 }])).get(0);
    assert.ok(batch !== undefined);
    const stamp = Number(batch.records[0]?.timestamp);
    assert.ok(stamp >= before && stamp <= Date.now(), `timestamp ${stamp}`);
    assert.equal(batch.firstTimestamp, batch.maxTimestamp);
  });
});
