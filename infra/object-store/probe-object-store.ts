import type { ShelfstreamConfig } from '../../config/index.ts';
import { CredentialsRejectedError, ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';
import { withDeadline } from '../with-deadline.ts';
import { createMinioClient } from './create-minio-client.ts';

export interface ObjectStoreStatus {
  readonly endpoint: string;
  readonly buckets: readonly string[];
}

// S3 error codes that mean "who you are" is wrong, not "the service is down".
const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken']);

/** Lists buckets within the connect timeout; a refusal of our keys names the key settings. */
export async function probeObjectStore(config: ShelfstreamConfig): Promise<ObjectStoreStatus> {
  const endpointSetting = 'SHELFSTREAM_S3_ENDPOINT';
  const client = createMinioClient(config);
  try {
    const buckets = await withDeadline(
      client.listBuckets(),
      config.connectTimeoutMs,
      () => new ServiceUnavailableError('Object store', endpointSetting, `${config.s3.endpoint}: no answer within ${config.connectTimeoutMs} ms`),
    );
    return { endpoint: config.s3.endpoint, buckets: buckets.map((b) => b.name) };
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && CREDENTIAL_CODES.has(code)) {
      throw new CredentialsRejectedError('Object store', 'SHELFSTREAM_S3_ACCESS_KEY/SHELFSTREAM_S3_SECRET_KEY', `${code}: ${describeCause(error)}`, { cause: error });
    }
    throw new ServiceUnavailableError('Object store', endpointSetting, `${config.s3.endpoint}: ${describeCause(error)}`, { cause: error });
  }
}
