import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { mapOrDeadLetter } from '../../../../streams/map-or-dead-letter.ts';
import { crawlOutcomeRow } from '../../../../streams/pages/crawl-outcome-row.ts';
import type { StreamRecord } from '../../../../streams/stream-record.ts';

const AT = Date.UTC(2026, 0, 6, 9, 30);
const outcome = { job: 'job-1', url: 'http://127.0.0.1:4100/dp/B0AAAAAAA1', outcome: 'fetched', attempts: 3, blocked: 2, status: 200, rawKey: 'pages/x.html.gz', detail: 'product', at: AT };

const record = (value: string | null, offset = 0): StreamRecord<Buffer | null> => ({
  key: null, value: null, timestamp: AT, headers: {}, origin: { topic: 'crawl-state', partition: 0, offset: String(offset) }, raw: { key: Buffer.from('job-1|url'), value: value === null ? null : Buffer.from(value) },
});

describe('crawlOutcomeRow', () => {
  it('reads an outcome into its row, with the host (port included) it asked', () => {
    assert.deepEqual(crawlOutcomeRow(record(JSON.stringify(outcome))), {
      job: 'job-1', url: outcome.url, host: '127.0.0.1:4100', outcome: 'fetched', attempts: 3, blocked: 2, status: 200, raw_key: 'pages/x.html.gz', detail: 'product', at: AT,
    });
  });

  it('counts no blocked answers for an outcome recorded before they were counted', () => {
    const older: Partial<typeof outcome> = { ...outcome };
    delete older.blocked;
    assert.equal(crawlOutcomeRow(record(JSON.stringify(older))).blocked, 0);
  });

  it('dead-letters what is no outcome, saying why, through mapOrDeadLetter', async () => {
    const values = [JSON.stringify(outcome), 'not json', JSON.stringify({ ...outcome, url: 'no url', attempts: -1 })];
    const batch: Batch<Buffer | null> = { topic: 'crawl-state', partition: 0, records: values.map((v, i) => record(v, i)), ...emptyOutcomes(), progress: [] };
    const out = await firstValueFrom(of(batch).pipe(mapOrDeadLetter('parse-crawl-outcomes', crawlOutcomeRow)));
    assert.deepEqual(out.records.map((r) => r.value.url), [outcome.url]);
    assert.deepEqual(out.deadLetters.map((d) => [d.step, d.code, d.origin.offset]), [['parse-crawl-outcomes', 'VALIDATION_FAILED', '1'], ['parse-crawl-outcomes', 'VALIDATION_FAILED', '2']]);
    assert.equal(out.deadLetters[0]?.message, 'crawl outcome is not JSON');
    assert.match(out.deadLetters[1]?.message ?? '', /^url: .*; attempts: /);
  });
});
