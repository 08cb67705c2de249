import { ValidationError } from '../../errors/index.ts';
import type { IncomingRecord } from '../../infra/kafka/kafka-driver.ts';
import type { CrawlLedger } from './crawl-ledger.ts';
import { parseFrontierRecord, type CrawlRequest } from './crawl-request.ts';

/** A request to crawl, with the frontier record it came in (its bytes go on a dead letter). */
export interface SelectedRequest {
  readonly request: CrawlRequest;
  readonly record: IncomingRecord;
}

/** What a frontier batch holds to do. */
export interface RequestSelection {
  readonly selected: readonly SelectedRequest[];
  /** Requests for URLs finished in their job, or repeated within the batch. */
  readonly skipped: number;
  /** Records that are not crawl requests. */
  readonly malformed: readonly { readonly record: IncomingRecord; readonly error: ValidationError }[];
}

/**
 * The requests of a frontier batch still to crawl: each job's URL once, and none the ledger has
 * as finished. A URL repeated in the frontier (added twice, linked from two pages, or a retry
 * overtaken by a duplicate) is fetched once per job.
 */
export function selectRequests(records: readonly IncomingRecord[], ledger: CrawlLedger): RequestSelection {
  const selected: SelectedRequest[] = [];
  const malformed: { record: IncomingRecord; error: ValidationError }[] = [];
  const inBatch = new Set<string>();
  let skipped = 0;
  for (const record of records) {
    let request: CrawlRequest;
    try {
      request = parseFrontierRecord(record);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      malformed.push({ record, error });
      continue;
    }
    const id = `${request.job}|${request.url}`;
    if (ledger.isFinished(request.job, request.url) || inBatch.has(id)) {
      skipped++;
      continue;
    }
    inBatch.add(id);
    selected.push({ request, record });
  }
  return { selected, skipped, malformed };
}
