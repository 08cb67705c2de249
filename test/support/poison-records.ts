import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import { sampleOrders } from './sample-orders.ts';

/** Header that names a poison record, kept on its dead letter, so the test can match the two. */
export const POISON_HEADER = 'test.poison';

/** A record an order-decoding topology must dead-letter, with the code and step it must name. */
export interface PoisonRecord {
  readonly name: string;
  readonly code: string;
  readonly step: 'decode' | 'validate';
  readonly record: OutgoingRecord & { readonly partition: number };
}

/**
 * One of each way an order record can be unreadable or unacceptable, spread over `partitions`
 * partitions of `topic`: every failure of the Confluent framing, a schema id the registry does not
 * know, the wrong schema, a tombstone, a bad key, and well-formed orders breaking business rules.
 */
export async function poisonRecords(serde: AvroSerde, topic: string, partitions: number, timestamp: number): Promise<PoisonRecord[]> {
  const schema = readSchemaFile('sales-order');
  const orderSchemaId = await serde.schemaId(subjectName(topic, 'value'), schema);
  const key = (name: string) => serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, `POISON-${name}`);
  const [base] = sampleOrders(1, 'POISON');
  if (base === undefined) throw new Error('sampleOrders returned nothing');
  const framed = (id: number, body: Buffer) => {
    const header = Buffer.alloc(5);
    header.writeInt32BE(id, 1);
    return Buffer.concat([header, body]);
  };
  const cases: { name: string; code: string; step: 'decode' | 'validate'; key?: Buffer | null; value: Buffer | null }[] = [
    { name: 'garbage', code: 'BAD_MAGIC_BYTE', step: 'decode', value: Buffer.from('this is not avro, just text\n') },
    { name: 'wrong-magic-byte', code: 'BAD_MAGIC_BYTE', step: 'decode', value: Buffer.concat([Buffer.from([0x01]), framed(orderSchemaId, Buffer.from([2, 0x41])).subarray(1)]) },
    { name: 'truncated-header', code: 'TRUNCATED', step: 'decode', value: Buffer.from([0x00, 0x00, 0x00]) },
    { name: 'unknown-schema-id', code: 'UNKNOWN_SCHEMA_ID', step: 'decode', value: framed(999_999, Buffer.from('some avro body')) },
    // A string length of -2^34 zigzagged: the body ends before the first field does.
    { name: 'bad-avro-body', code: 'BAD_AVRO_BODY', step: 'decode', value: framed(orderSchemaId, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])) },
    { name: 'wrong-schema', code: 'INCOMPATIBLE_SCHEMA', step: 'decode', value: await serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, 'a string, not an order') },
    { name: 'tombstone', code: 'NULL_VALUE', step: 'decode', value: null },
    { name: 'garbage-key', code: 'BAD_MAGIC_BYTE', step: 'decode', key: Buffer.from('raw-key'), value: await serde.serialize(subjectName(topic, 'value'), schema, base) },
    { name: 'zero-quantity', code: 'VALIDATION_FAILED', step: 'validate', value: await serde.serialize(subjectName(topic, 'value'), schema, { ...base, quantity: 0 }) },
    { name: 'negative-amount', code: 'VALIDATION_FAILED', step: 'validate', value: await serde.serialize(subjectName(topic, 'value'), schema, { ...base, total_amount_minor: -100 }) },
  ];
  return Promise.all(
    cases.map(async (c, i) => ({
      name: c.name,
      code: c.code,
      step: c.step,
      record: {
        key: c.key === undefined ? await key(c.name) : c.key,
        value: c.value,
        partition: i % partitions,
        timestamp: timestamp + i,
        headers: { [POISON_HEADER]: c.name },
      },
    })),
  );
}
