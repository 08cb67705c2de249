import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';

export interface SchemaRegistryStatus {
  readonly url: string;
  readonly subjects: number;
}

/** `GET /subjects` within the connect timeout, or an error naming SHELFSTREAM_SCHEMA_REGISTRY_URL. */
export async function probeSchemaRegistry(config: ShelfstreamConfig): Promise<SchemaRegistryStatus> {
  const url = config.schemaRegistry.url.replace(/\/+$/, '');
  const fail = (detail: string, cause?: unknown) =>
    new ServiceUnavailableError('Schema Registry', 'SHELFSTREAM_SCHEMA_REGISTRY_URL', `${url}: ${detail}`, { cause });
  let response: Response;
  try {
    response = await fetch(`${url}/subjects`, {
      headers: { accept: 'application/vnd.schemaregistry.v1+json' },
      signal: AbortSignal.timeout(config.connectTimeoutMs),
    });
  } catch (error) {
    throw fail(describeCause(error), error);
  }
  const body = await response.text();
  if (!response.ok) throw fail(`HTTP ${response.status} ${body.slice(0, 200)}`);
  try {
    const subjects = JSON.parse(body) as unknown;
    if (!Array.isArray(subjects)) throw new Error('not a JSON array');
    return { url, subjects: subjects.length };
  } catch (error) {
    throw fail(`not a Schema Registry answer: ${describeCause(error)}`, error);
  }
}
