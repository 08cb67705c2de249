import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { DEAD_LETTER_HEADERS as H } from './dead-letter-headers.ts';

/** The input as it arrived: its bytes, and its headers and timestamp when it was a Kafka record. */
export interface DeadLetterInput {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, Buffer | string>>;
  /** The record's own timestamp; the time of the failure when absent. */
  readonly timestamp?: number;
}

/** Why the input was given up on, and by which step. */
export interface DeadLetterReason {
  readonly code: string;
  readonly message: string;
  readonly step: string;
  readonly field?: string | null;
  readonly attempts?: number;
  /** The closed window a late record missed, and the watermark that closed it. */
  readonly window?: { readonly start: number; readonly end: number; readonly watermark: number };
}

/** A record of a topic partition. */
export interface TopicOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A row of a file. */
export interface FileOrigin {
  readonly file: string;
  readonly line: number;
  readonly kind?: string;
}

/** A page fetched from a URL, or one item of it. */
export interface UrlOrigin {
  readonly url: string;
  readonly index?: number;
  readonly job?: string;
  readonly rawKey?: string | null;
}

export type DeadLetterOrigin = TopicOrigin | FileOrigin | UrlOrigin;

/**
 * The record a dead letter (or late record) is written as: the input's key and value bytes
 * unchanged, its own headers kept, and the reason and origin in `DEAD_LETTER_HEADERS` over them.
 */
export function deadLetterRecord(input: DeadLetterInput, reason: DeadLetterReason, origin: DeadLetterOrigin): OutgoingRecord {
  const headers: Record<string, string | number | null | undefined> = {
    [H.code]: reason.code,
    [H.message]: reason.message,
    [H.step]: reason.step,
    [H.field]: reason.field,
    [H.attempts]: reason.attempts,
    [H.windowStart]: reason.window?.start,
    [H.windowEnd]: reason.window?.end,
    [H.watermark]: reason.window?.watermark,
    ...originHeaders(origin),
  };
  const present = Object.entries(headers).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null);
  return {
    key: input.key,
    value: input.value,
    timestamp: input.timestamp ?? Date.now(),
    headers: { ...input.headers, ...Object.fromEntries(present.map(([name, v]) => [name, String(v)])) },
  };
}

function originHeaders(origin: DeadLetterOrigin): Record<string, string | number | null | undefined> {
  if ('topic' in origin) return { [H.topic]: origin.topic, [H.partition]: origin.partition, [H.offset]: origin.offset };
  if ('file' in origin) return { [H.file]: origin.file, [H.line]: origin.line, [H.kind]: origin.kind };
  return { [H.url]: origin.url, [H.index]: origin.index, [H.job]: origin.job, [H.rawKey]: origin.rawKey };
}
