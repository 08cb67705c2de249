import type { ReplayKindName } from './replay-kinds.ts';

/**
 * What a replay of one file did, so far or in the end. The counts add up:
 * rowsRead = produced + deadLettered + skipped.
 */
export interface ReplayTotals {
  readonly file: string;
  readonly kind: ReplayKindName;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly totalBytes: number;
  readonly bytesRead: number;
  /** Data rows seen: the header and empty lines aside, a row with quoted newlines counts once. */
  readonly rowsRead: number;
  readonly produced: number;
  readonly deadLettered: number;
  /** Rows an earlier run of the same replay already produced or dead-lettered. */
  readonly skipped: number;
  /** Values produced as null because they could not be read ("Get" as a rating). */
  readonly nulledValues: number;
  /** Columns of the file the reader does not know: their values travel in each record's extra-columns header. */
  readonly extraColumns: readonly string[];
  /** Line from which the file could not be read (a quote never closed); null when it was read to the end. */
  readonly unreadableFrom: number | null;
  /** Stopped by its signal before the end: the next run resumes. */
  readonly interrupted: boolean;
  readonly elapsedMs: number;
}

/** The totals as one line for people: `sales.csv: 90 rows read = 88 produced + 2 dead-lettered + 0 skipped (…)`. */
export function describeTotals(t: ReplayTotals): string {
  const extras = [
    t.nulledValues > 0 ? `${t.nulledValues} unreadable values set to null` : '',
    t.extraColumns.length > 0 ? `unknown columns kept in a header: ${t.extraColumns.map((c) => JSON.stringify(c)).join(', ')}` : '',
    t.unreadableFrom === null ? '' : `unreadable from line ${t.unreadableFrom}`,
    t.interrupted ? 'interrupted: run again to resume' : '',
    `${(t.elapsedMs / 1000).toFixed(1)} s`,
  ].filter((e) => e !== '');
  return (
    `${t.file}: ${t.rowsRead} rows read = ${t.produced} produced to ${t.topic} + ${t.deadLettered} dead-lettered to ${t.deadLetterTopic}` +
    ` + ${t.skipped} skipped as already replayed (${extras.join(', ')})`
  );
}
