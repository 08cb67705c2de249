import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';

/** One record of a CSV file: its fields and where it sits in the file. */
export interface CsvRecord {
  readonly kind: 'record';
  /** Physical line the record starts on, 1-based; newlines inside quoted fields count. */
  readonly line: number;
  readonly fields: readonly string[];
  /** The record as written, without its line terminator: what a dead letter carries. */
  readonly raw: string;
  /** Bytes of the file read up to the end of this record (for progress bars). */
  readonly bytes: number;
}

/** The point from which the file cannot be read: nothing follows it. */
export interface CsvUnreadable {
  readonly kind: 'unreadable';
  readonly line: number;
  readonly reason: string;
  /** The start of the unreadable text, at most `maxRecordBytes` of it. */
  readonly raw: string;
  readonly bytes: number;
}

export interface CsvRowsOptions {
  /** A record larger than this ends the file as unreadable, so an unclosed quote cannot fill memory. */
  readonly maxRecordBytes?: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const TRAILING_BREAK = /(?:\r\n|\r|\n)$/;
const DEFAULT_MAX_RECORD_BYTES = 1 << 20;

/**
 * Streams the records of a CSV file (header included) with csv-parse, one at a time, never
 * holding more than one record: a BOM is dropped, quoted fields keep their commas and newlines,
 * quotes inside unquoted fields are taken literally, and rows may have any number of fields (the
 * caller judges them). Empty lines are skipped but counted. csv-parse's own line counter counts
 * CR and LF of a quoted CRLF separately, so lines are counted here from each record's raw text.
 */
export async function* readCsvRows(input: Readable, options: CsvRowsOptions = {}): AsyncGenerator<CsvRecord | CsvUnreadable> {
  let failure: { error: CsvError | undefined; raw: string | undefined } | undefined;
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      raw: true,
      relax_quotes: true,
      relax_column_count: true,
      max_record_size: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
      // The errors left (a quote never closed, an oversized record) end the parse; keep the first.
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        failure ??= { error, raw };
        return undefined;
      },
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  let line = 1;
  let bytes = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { bytes: number } }>) {
      const start = line;
      line += (item.raw.match(LINE_BREAK) ?? []).length;
      bytes = item.info.bytes;
      if (item.record.length === 1 && item.raw.trim() === '') continue;
      yield { kind: 'record', line: start, fields: item.record, raw: item.raw.replace(TRAILING_BREAK, ''), bytes };
    }
  } finally {
    // A caller that stops early (an interrupted replay) must not leave the file open.
    input.destroy();
  }
  if (failure !== undefined) {
    yield { kind: 'unreadable', line, reason: describeFailure(failure.error, options), raw: failure.raw ?? '', bytes };
  }
}

// csv-parse's messages carry its own line count, which is off after quoted CRLFs.
function describeFailure(error: CsvError | undefined, options: CsvRowsOptions): string {
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field starting on this line is never closed; the rest of the file is unreadable';
  if (error?.code === 'CSV_MAX_RECORD_SIZE') {
    return `a record starting on this line exceeds ${options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES} bytes; the rest of the file is unreadable`;
  }
  return `unreadable CSV from this line: ${error?.message ?? 'unknown parser error'}`;
}
