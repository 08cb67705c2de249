import type { ShelfstreamConfig } from '../../config/index.ts';
import { ServiceUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../describe-cause.ts';
import { IcebergRestCatalog } from './iceberg-rest-catalog.ts';

export interface IcebergStatus {
  readonly url: string;
  readonly namespaces: number;
}

/** `GET /v1/config` and a namespace listing, or an error naming SHELFSTREAM_ICEBERG_CATALOG_URL. */
export async function probeIcebergCatalog(config: ShelfstreamConfig): Promise<IcebergStatus> {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: config.connectTimeoutMs });
  try {
    await catalog.config();
    return { url: config.iceberg.catalogUrl, namespaces: (await catalog.listNamespaces()).length };
  } catch (error) {
    throw new ServiceUnavailableError('Iceberg REST catalog', 'SHELFSTREAM_ICEBERG_CATALOG_URL', `${config.iceberg.catalogUrl}: ${describeCause(error)}`, {
      cause: error,
    });
  }
}
