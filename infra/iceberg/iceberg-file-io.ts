import { IcebergTableError } from '../../errors/index.ts';
import type { Client } from 'minio';
import { retry } from '../retry.ts';

/**
 * Iceberg's FileIO over the MinIO client: whole-object reads and writes at `s3://bucket/key`
 * locations, as the table's metadata names them. Calls are retried through the shared policy on
 * network errors and S3 5xx, so MinIO restarting holds a writer back instead of failing it.
 */
export class IcebergFileIO {
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  async write(location: string, bytes: Uint8Array): Promise<void> {
    const { bucket, key } = parseLocation(location);
    await retry(() => this.#client.putObject(bucket, key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes.byteLength), objectStorePolicy);
  }

  async read(location: string): Promise<Buffer> {
    const { bucket, key } = parseLocation(location);
    return retry(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.#client.getObject(bucket, key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }, objectStorePolicy);
  }

  async delete(location: string): Promise<void> {
    const { bucket, key } = parseLocation(location);
    await retry(() => this.#client.removeObject(bucket, key), objectStorePolicy);
  }

  /** Every object location under a prefix location (a table's data or metadata folder). */
  async list(prefix: string): Promise<string[]> {
    return (await this.listObjects(prefix)).map((object) => object.location);
  }

  /** Every object under a prefix location, with its size and when it was last written (for orphan removal's cutoff). */
  async listObjects(prefix: string): Promise<{ location: string; size: number; lastModified: Date }[]> {
    const { bucket, key } = parseLocation(prefix);
    const objects: { location: string; size: number; lastModified: Date }[] = [];
    for await (const item of this.#client.listObjectsV2(bucket, key, true) as AsyncIterable<{ name?: string; size?: number; lastModified?: Date }>) {
      if (item.name !== undefined) objects.push({ location: `s3://${bucket}/${item.name}`, size: item.size ?? 0, lastModified: item.lastModified ?? new Date() });
    }
    return objects;
  }
}

const objectStorePolicy = {
  retries: 5,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  isRetriable: (error: unknown): boolean => {
    const status = (error as { statusCode?: number }).statusCode;
    const code = (error as { code?: unknown }).code;
    return (status !== undefined && status >= 500) || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
  },
};

/** `s3://bucket/key` (or `s3a://`) into its bucket and key. */
export function parseLocation(location: string): { bucket: string; key: string } {
  const match = /^s3a?:\/\/(?<bucket>[^/]+)\/?(?<key>.*)$/.exec(location);
  if (match?.groups?.bucket === undefined) throw new IcebergTableError(`not an s3:// location: ${location}`);
  return { bucket: match.groups.bucket, key: match.groups.key ?? '' };
}
