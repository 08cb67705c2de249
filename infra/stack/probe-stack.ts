import type { ShelfstreamConfig } from '../../config/index.ts';
import { probeClickHouse } from '../clickhouse/probe-clickhouse.ts';
import { probeIcebergCatalog } from '../iceberg/probe-iceberg-catalog.ts';
import { probeKafka } from '../kafka/probe-kafka.ts';
import { probeObjectStore } from '../object-store/probe-object-store.ts';
import { probeSchemaRegistry } from '../schema-registry/probe-schema-registry.ts';

export interface ServiceReport {
  readonly service: string;
  readonly ok: boolean;
  /** What the service said about itself when up, or the error naming the setting to fix. */
  readonly detail: string;
  readonly error?: unknown;
}

const probes: readonly [string, (config: ShelfstreamConfig) => Promise<unknown>][] = [
  ['kafka', probeKafka],
  ['schema-registry', probeSchemaRegistry],
  ['object-store', probeObjectStore],
  ['clickhouse', probeClickHouse],
  ['iceberg-catalog', probeIcebergCatalog],
];

/** Probes every configured service in parallel; never throws, one report per service. */
export async function probeStack(config: ShelfstreamConfig): Promise<ServiceReport[]> {
  return Promise.all(
    probes.map(async ([service, probe]): Promise<ServiceReport> => {
      try {
        return { service, ok: true, detail: JSON.stringify(await probe(config)) };
      } catch (error) {
        return { service, ok: false, detail: error instanceof Error ? error.message : String(error), error };
      }
    }),
  );
}
