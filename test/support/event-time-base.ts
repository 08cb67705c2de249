const MINUTE = 60_000;
const HOURS_BACK = 3;

/**
 * A minute-aligned event time a few hours before now, where a test's stream of events starts.
 * Not a fixed date: records carry their event time as the Kafka timestamp, and a broker deletes
 * segments whose newest timestamp is older than its retention (7 days by default) at its next
 * retention check, so a 2024 stream vanishes from every topic mid-test. Hours back, not minutes:
 * flush records an hour ahead must stay behind the broker's clock (Kafka 4 rejects timestamps
 * more than an hour in the future).
 */
export function eventTimeBase(now = Date.now()): number {
  return Math.floor((now - HOURS_BACK * 3_600_000) / MINUTE) * MINUTE;
}
