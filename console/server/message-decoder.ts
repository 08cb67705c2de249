import { ShelfstreamError } from '../../errors/index.ts';
import { parseAvroSchema, type AvroSchema } from '../../schemas/avro-schema.ts';
import { DEAD_LETTER_HEADERS as H } from '../../schemas/dead-letter/dead-letter-headers.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { HEADER_SIZE, MAGIC_BYTE } from '../../schemas/serde/confluent-wire-format.ts';
import type { SchemaRegistryClient } from '../../schemas/serde/schema-registry-client.ts';
import type { DeadLetterInfo, DecodedPart, LateWindow, TopicMessage } from '../web/src/api-types.ts';
import type { RawMessage } from './kafka-browser.ts';
import type { RegistryBrowser } from './registry-browser.ts';

// Avro bytes and fixed decode to Buffers: shown as hex, the way Kafka tools print them.
const readable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (isBufferJson(v) ? Buffer.from(v.data).toString('hex') : typeof v === 'bigint' ? v.toString() : v), 2);
const isBufferJson = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);

/**
 * Turns records into what a person reads: Confluent-framed Avro decoded with the writer's schema
 * from the registry (through the project's serde, the schema's subject looked up for a link),
 * JSON pretty-printed, text as text, anything else as hex; dead-letter headers as a reason and origin.
 */
export class MessageDecoder {
  readonly #registry: SchemaRegistryClient;
  readonly #browser: RegistryBrowser;
  readonly #serde: AvroSerde;
  readonly #schemas = new Map<number, Promise<{ schema: AvroSchema<unknown>; subject?: { subject: string; version: number } }>>();

  constructor(registry: SchemaRegistryClient, browser: RegistryBrowser) {
    this.#registry = registry;
    this.#browser = browser;
    this.#serde = new AvroSerde(registry, { autoRegister: false });
  }

  async decode(topic: string, message: RawMessage): Promise<TopicMessage> {
    const location = { topic, partition: message.partition, offset: message.offset };
    const [key, value] = await Promise.all([this.#part(message.key, location), this.#part(message.value, location)]);
    const deadLetter = deadLetterInfo(message.headers, Number(message.timestamp));
    return {
      partition: message.partition,
      offset: message.offset,
      timestamp: new Date(Number(message.timestamp)).toISOString(),
      key,
      value,
      headers: message.headers,
      ...(deadLetter === undefined ? {} : { deadLetter }),
    };
  }

  async #part(bytes: Buffer | null, location: { topic: string; partition: number; offset: string }): Promise<DecodedPart> {
    if (bytes === null) return { kind: 'null', shown: 'null' };
    if (bytes.length > HEADER_SIZE && bytes[0] === MAGIC_BYTE) {
      const schemaId = bytes.readInt32BE(1);
      try {
        const { schema, subject } = await this.#writer(schemaId);
        const value = await this.#serde.deserialize(bytes, schema, location);
        return { kind: 'avro', shown: readable(value), schemaId, ...(subject === undefined ? {} : { subject }) };
      } catch (error) {
        if (!(error instanceof ShelfstreamError) || error.retriable) throw error;
        return { ...plain(bytes), schemaId, problem: error.message };
      }
    }
    return plain(bytes);
  }

  #writer(id: number) {
    let found = this.#schemas.get(id);
    if (found === undefined) {
      found = (async () => {
        const [text, subject] = await Promise.all([this.#registry.getById(id), this.#browser.usage(id)]);
        return { schema: parseAvroSchema(text), ...(subject === undefined ? {} : { subject }) };
      })();
      this.#schemas.set(id, found);
      found.catch(() => this.#schemas.delete(id));
    }
    return found;
  }
}

// Tab, newline and carriage return are text; other C0 control characters mean binary.
const hasControlCharacters = (bytes: Buffer): boolean => bytes.some((b) => b < 9 || (b > 13 && b < 32));

function plain(bytes: Buffer): DecodedPart {
  const text = bytes.toString('utf8');
  // Decoding is lossless only for valid UTF-8 without control characters; anything else is bytes.
  if (Buffer.from(text, 'utf8').equals(bytes) && !hasControlCharacters(bytes)) {
    try {
      return { kind: 'json', shown: readable(JSON.parse(text)) };
    } catch {
      return { kind: 'text', shown: text };
    }
  }
  return { kind: 'bytes', shown: bytes.toString('hex') };
}

function deadLetterInfo(headers: Readonly<Record<string, string>>, timestamp: number): DeadLetterInfo | undefined {
  const code = headers[H.code];
  if (code === undefined) return undefined;
  const field = headers[H.field];
  const window = lateWindow(headers, timestamp);
  return {
    code,
    message: headers[H.message] ?? '',
    step: headers[H.step] ?? '',
    ...(field === undefined ? {} : { field }),
    origin: originOf(headers),
    ...(window === undefined ? {} : { window }),
  };
}

/** A late record's window and watermark from its headers; its timestamp is its event time, as the runtime keeps it. */
function lateWindow(headers: Readonly<Record<string, string>>, eventTime: number): LateWindow | undefined {
  const [start, end, watermark] = [H.windowStart, H.windowEnd, H.watermark].map((name) => Number(headers[name] ?? Number.NaN));
  if (start === undefined || end === undefined || watermark === undefined || [start, end, watermark].some(Number.isNaN)) return undefined;
  return { start, end, watermark, eventTime, latenessMs: watermark - eventTime };
}

function originOf(headers: Readonly<Record<string, string>>): string {
  const topic = headers[H.topic];
  if (topic !== undefined) return `${topic}/${headers[H.partition] ?? '?'}@${headers[H.offset] ?? '?'}`;
  const file = headers[H.file];
  if (file !== undefined) return `${file}:${headers[H.line] ?? '?'}`;
  const url = headers[H.url];
  if (url !== undefined) return headers[H.index] === undefined ? url : `${url} #${headers[H.index]}`;
  return '(unknown)';
}
