/** Header names on dead-letter and late records: what failed, where, and where the record came from. */
export const DEAD_LETTER_HEADERS = {
  code: 'shelfstream.error.code',
  message: 'shelfstream.error.message',
  step: 'shelfstream.step',
  topic: 'shelfstream.origin.topic',
  partition: 'shelfstream.origin.partition',
  offset: 'shelfstream.origin.offset',
  windowStart: 'shelfstream.window.start',
  windowEnd: 'shelfstream.window.end',
  watermark: 'shelfstream.watermark',
} as const;
