import { createHash } from 'node:crypto';
import type { SalesOrder } from '../../schemas/types/sales-order.ts';

const DAY_MS = 86_400_000;
const DAY_SECONDS = 86_400;
/** amazon.in search links carry the search's Unix time: `qid=1679134237`. */
const QUERY_TIME = /[?&]qid=(\d{9,10})(?!\d)/;

/**
 * Event time of a sales order. The CSV gives only the date, so the order is placed at a time of
 * day derived from a hash of its id: the same order always gets the same timestamp (a resumed or
 * repeated replay writes identical records), and a day's orders spread over the whole day instead
 * of piling up at midnight, so minute windows downstream see a realistic trickle.
 */
export function salesEventTime(order: Pick<SalesOrder, 'order_id' | 'order_date'>): number {
  const seconds = createHash('sha256').update(order.order_id).digest().readUInt32BE(0) % DAY_SECONDS;
  return order.order_date * DAY_MS + seconds * 1000;
}

/** When a product listing was seen: the search time in its link, or null when the link has none. */
export function listingEventTime(link: string): number | null {
  const match = QUERY_TIME.exec(link);
  return match?.[1] === undefined ? null : Number(match[1]) * 1000;
}
