import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topicsToCreate } from '../../../../infra/kafka/driver-core/topics-to-create.ts';

describe('topicsToCreate', () => {
  it('leaves existing topics out and fills in the replication factor and the retention default', () => {
    const created = topicsToCreate(
      [
        { topic: 'exists', partitions: 3 },
        { topic: 'orders', partitions: 3 },
        { topic: 'changelog', partitions: 2, replicationFactor: 3, config: { 'cleanup.policy': 'compact', 'retention.ms': '1000' } },
      ],
      ['exists', 'other'],
    );
    assert.deepEqual(created, [
      { topic: 'orders', partitions: 3, replicationFactor: 1, config: { 'retention.ms': '-1' } },
      { topic: 'changelog', partitions: 2, replicationFactor: 3, config: { 'retention.ms': '1000', 'cleanup.policy': 'compact' } },
    ]);
  });
});
