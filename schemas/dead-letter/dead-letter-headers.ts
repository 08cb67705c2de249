/**
 * Header names on dead letters and late records, the same for every entry point (crawler, poller,
 * CSV replay, the runtime's side outputs): what failed, in which step, and where the input came
 * from. A dead letter's key and value are the input's bytes exactly as they arrived, so once fixed
 * it can be produced back unchanged and any Kafka tool can read it without a schema of ours; the
 * reason therefore travels in these headers rather than in an Avro envelope around the bytes.
 */
export const DEAD_LETTER_HEADERS = {
  code: 'shelfstream.error.code',
  message: 'shelfstream.error.message',
  /** Column or field path at fault, when the error names one. */
  field: 'shelfstream.error.field',
  /** How many times the input was tried before it was given up on. */
  attempts: 'shelfstream.error.attempts',
  /** The operator or source that refused the input, such as `decode-orders` or `replay-csv`. */
  step: 'shelfstream.step',
  topic: 'shelfstream.origin.topic',
  partition: 'shelfstream.origin.partition',
  offset: 'shelfstream.origin.offset',
  file: 'shelfstream.source.file',
  line: 'shelfstream.source.line',
  /** What a replayed file holds: `sales` or `products`. */
  kind: 'shelfstream.source.kind',
  url: 'shelfstream.source.url',
  /** Position of an item in the page at `url`. */
  index: 'shelfstream.source.index',
  /** Key of a crawled page's raw HTML in the raw bucket: the claim check to look at or re-extract it. */
  rawKey: 'shelfstream.source.raw-key',
  job: 'shelfstream.crawl.job',
  windowStart: 'shelfstream.window.start',
  windowEnd: 'shelfstream.window.end',
  watermark: 'shelfstream.watermark',
} as const;
