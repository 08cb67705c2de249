import { Client } from 'minio';
import type { ShelfstreamConfig } from '../../config/index.ts';

/** A MinIO/S3 client for the configured endpoint and credentials. */
export function createMinioClient(config: ShelfstreamConfig): Client {
  const url = new URL(config.s3.endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({
    endPoint: url.hostname,
    port: url.port === '' ? (useSSL ? 443 : 80) : Number(url.port),
    useSSL,
    accessKey: config.s3.accessKey,
    secretKey: config.s3.secretKey.reveal(),
    region: config.s3.region,
    pathStyle: true,
  });
}
