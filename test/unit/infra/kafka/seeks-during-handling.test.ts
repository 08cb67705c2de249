import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeeksDuringHandling } from '../../../../infra/kafka/driver-core/seeks-during-handling.ts';

const p0 = { topic: 't', partition: 0 };
const p1 = { topic: 't', partition: 1 };

/** What a batch of p0 ending before offset 100 commits when its handler seeks `partition` to `offset`. */
function commitAfterSeek(partition: typeof p0, offset: string): Promise<string> {
  const seeks = new SeeksDuringHandling();
  return seeks.handle(p0, '100', () => {
    seeks.seek(partition, offset);
    return Promise.resolve();
  });
}

describe('SeeksDuringHandling', () => {
  it('lets a batch commit past its last record when its handler did not seek', async () => {
    const seeks = new SeeksDuringHandling();
    seeks.seek(p0, '1');
    assert.equal(await seeks.handle(p0, '100', () => Promise.resolve()), '100', 'a seek before the batch changes nothing');
  });

  it('commits only up to an offset sought below the batch end: the records from there come again', async () => {
    assert.equal(await commitAfterSeek(p0, '40'), '40');
  });

  it('commits past the batch, not up to an offset sought beyond it', async () => {
    assert.equal(await commitAfterSeek(p0, '5000'), '100');
  });

  it('leaves a batch alone when another partition was sought', async () => {
    assert.equal(await commitAfterSeek(p1, '2'), '100');
  });
});
