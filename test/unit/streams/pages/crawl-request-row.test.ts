import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValueFrom, of } from 'rxjs';
import { crawlRequest, frontierRecord } from '../../../../sources/crawler/crawl-request.ts';
import { emptyOutcomes, type Batch } from '../../../../streams/batch.ts';
import { mapOrDeadLetter } from '../../../../streams/map-or-dead-letter.ts';
import { crawlRequestRow } from '../../../../streams/pages/crawl-request-row.ts';
import type { StreamRecord } from '../../../../streams/stream-record.ts';

const record = (value: Buffer | string | null, offset = 0): StreamRecord<Buffer | null> => ({
  key: null, value: null, timestamp: 0, headers: {}, origin: { topic: 'crawl-frontier', partition: 0, offset: String(offset) },
  raw: { key: null, value: value === null ? null : Buffer.from(value) },
});

describe('crawlRequestRow', () => {
  it('reads a request as the crawler writes it into its row, with the host (port included) it asks', () => {
    const request = crawlRequest('job-1', 'HTTP://127.0.0.1:4100/dp/B0AAAAAAA1#reviews', { url: 'http://127.0.0.1:4100/', depth: 0 });
    assert.deepEqual(crawlRequestRow(record(frontierRecord(request).value)), {
      job: 'job-1', url: request.url, host: '127.0.0.1:4100', attempt: 0, blocked: 0, depth: 1, referrer: 'http://127.0.0.1:4100/', not_before: 0, added_at: request.addedAt,
    });
  });

  it('counts no blocked answers for a request written before they were counted', () => {
    const older: Record<string, unknown> = { ...crawlRequest('job-1', 'http://shop.example/dp/B0AAAAAAA1') };
    delete older.blocked;
    assert.equal(crawlRequestRow(record(JSON.stringify(older))).blocked, 0);
  });

  it('dead-letters what is no request, saying why, through mapOrDeadLetter', async () => {
    const good = JSON.stringify(crawlRequest('job-1', 'http://shop.example/dp/B0AAAAAAA1'));
    const values = [good, 'not json', JSON.stringify({ ...JSON.parse(good), url: 'no url', depth: -1 })];
    const batch: Batch<Buffer | null> = { topic: 'crawl-frontier', partition: 0, records: values.map((v, i) => record(v, i)), ...emptyOutcomes(), progress: [] };
    const out = await firstValueFrom(of(batch).pipe(mapOrDeadLetter('parse-crawl-requests', crawlRequestRow)));
    assert.deepEqual(out.records.map((r) => r.value.host), ['shop.example']);
    assert.deepEqual(out.deadLetters.map((d) => [d.step, d.code, d.origin.offset]), [['parse-crawl-requests', 'VALIDATION_FAILED', '1'], ['parse-crawl-requests', 'VALIDATION_FAILED', '2']]);
    assert.equal(out.deadLetters[0]?.message, 'crawl request is not JSON');
    assert.match(out.deadLetters[1]?.message ?? '', /^url: .*; depth: /);
  });
});
