import type { Message, Producer } from 'kafkajs';
import type { KafkaProducer, OutgoingRecord } from '../kafka-driver.ts';
import { kafkajsCall } from './kafkajs-error.ts';

export function kafkajsProducer(producer: Producer): KafkaProducer {
  return {
    connect: () => kafkajsCall(() => producer.connect()),
    send: (topic, records) => sendInRequests(topic, records, (messages) => producer.send({ topic, acks: -1, messages })),
    disconnect: () => kafkajsCall(() => producer.disconnect()),
  };
}

// Under the broker's default message.max.bytes (1 MB) with room for framing and headers.
const REQUEST_BYTES = 512 * 1024;

/**
 * Sends records in requests of at most REQUEST_BYTES: kafkajs puts all the records of one send to
 * one partition into one record batch, and the broker refuses a batch over message.max.bytes.
 */
export async function sendInRequests(topic: string, records: readonly OutgoingRecord[], send: (messages: Message[]) => Promise<unknown>): Promise<void> {
  for (const chunk of requestSized(records)) await kafkajsCall(() => send(chunk.map(toKafkajsMessage)), { topic });
}

/** A record's bytes in a batch, near enough: headers count, since a dead letter's outweigh its value. */
function sizeOf(record: OutgoingRecord): number {
  let size = (record.key?.length ?? 0) + (record.value?.length ?? 0) + 64;
  for (const name in record.headers) size += Buffer.byteLength(name) + Buffer.byteLength(record.headers[name] ?? '') + 8;
  return size;
}

export function* requestSized(records: readonly OutgoingRecord[]): Generator<OutgoingRecord[]> {
  let chunk: OutgoingRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = sizeOf(r);
    if (chunk.length > 0 && bytes + size > REQUEST_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(r);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function toKafkajsMessage(record: OutgoingRecord): Message {
  return {
    key: record.key,
    value: record.value,
    ...(record.headers === undefined ? {} : { headers: { ...record.headers } }),
    ...(record.partition === undefined ? {} : { partition: record.partition }),
    ...(record.timestamp === undefined ? {} : { timestamp: String(record.timestamp) }),
  };
}
