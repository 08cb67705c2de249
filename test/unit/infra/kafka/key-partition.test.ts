import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { keyPartition } from '../../../../infra/kafka/driver-core/key-partition.ts';

describe('keyPartition', () => {
  it("puts every key in the partition kafkajs' default (Java-compatible) partitioner puts it", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 5_000; i++) {
      const key = randomBytes(i % 37);
      const partitions = 1 + (i % 17);
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId): PartitionMetadata => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
      assert.equal(keyPartition(key, partitions), partitioner({ topic: 't', partitionMetadata, message: { key, value: null } }), key.toString('hex'));
    }
  });

  it("gives the Java client's partitions for known keys", () => {
    // Kafka's own Utils.murmur2 test vectors: toPositive(murmur2(key)) of these keys.
    assert.equal(keyPartition(Buffer.from('21'), 2 ** 31 - 1), (-973932308 & 0x7fffffff) % (2 ** 31 - 1));
    assert.equal(keyPartition(Buffer.from('abc'), 2 ** 31 - 1), (479470107 & 0x7fffffff) % (2 ** 31 - 1));
  });
});
