import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'lossless-json';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { compactFiles } from '../../infra/iceberg/compact-files.ts';
import { describeTable, type TableDescription } from '../../infra/iceberg/describe-table.ts';
import { expireSnapshots } from '../../infra/iceberg/expire-snapshots.ts';
import { IcebergFileIO } from '../../infra/iceberg/iceberg-file-io.ts';
import { IcebergRestCatalog } from '../../infra/iceberg/iceberg-rest-catalog.ts';
import { IcebergTable } from '../../infra/iceberg/iceberg-table.ts';
import type { IcebergType, TableIdentifier } from '../../infra/iceberg/iceberg-types.ts';
import { removeOrphanFiles } from '../../infra/iceberg/remove-orphan-files.ts';
import { createMinioClient } from '../../infra/object-store/create-minio-client.ts';
import { configFrom } from '../global-options.ts';

// Commits of a rewrite carry many files; a connect timeout would be too short for them.
const CATALOG_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;

/** `ns.table` (or `a.b.table`): the namespace is everything before the last dot. */
function tableArgument(value: string): TableIdentifier {
  const parts = value.split('.');
  const name = parts.pop();
  if (name === undefined || name === '' || parts.length === 0 || parts.includes('')) throw new InvalidArgumentError('expected <namespace>.<table>');
  return { namespace: parts, name };
}

/** `--older-than`: an age (`30m`, `12h`, `3d`) back from now, or an ISO instant; epoch ms. */
function instantArgument(value: string): number {
  const age = /^(\d+)([smhd])$/.exec(value);
  if (age !== null) return Date.now() - Number(age[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: DAY_MS }[age[2] as 's' | 'm' | 'h' | 'd'];
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) throw new InvalidArgumentError('expected an age such as 3d, 12h, 30m, 0s, or an ISO instant');
  return instant;
}

function countArgument(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

async function openTable(config: ShelfstreamConfig, id: TableIdentifier): Promise<IcebergTable> {
  const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
  return IcebergTable.load(catalog, new IcebergFileIO(createMinioClient(config)), id);
}

const typeText = (type: IcebergType): string => {
  if (typeof type === 'string') return type;
  if (type.type === 'struct') return `struct<${type.fields.map((field) => `${field.name}: ${typeText(field.type)}`).join(', ')}>`;
  if (type.type === 'list') return `list<${typeText(type.element)}>`;
  return `map<${typeText(type.key)}, ${typeText(type.value)}>`;
};

const iso = (ms: number): string => new Date(ms).toISOString();

function printDescription(name: string, d: TableDescription): void {
  console.log(`${name}  format v${d.formatVersion}  ${d.location}`);
  console.log(`schema ${d.schema['schema-id'] ?? 0}:`);
  for (const field of d.schema.fields) console.log(`  ${String(field.id).padStart(3)}  ${field.name.padEnd(24)} ${typeText(field.type)}${field.required ? ' (required)' : ''}`);
  const partitioning = d.spec.fields.map((field) => `${field.name} = ${field.transform}(${d.schema.fields.find((c) => c.id === field['source-id'])?.name ?? field['source-id']})`);
  console.log(`partition spec ${d.spec['spec-id'] ?? 0}: ${partitioning.join(', ') || 'unpartitioned'}`);
  console.log(`snapshots (${d.snapshots.length}, oldest first):`);
  for (const s of d.snapshots) {
    const { operation } = s.summary;
    const files = `+${s.summary['added-data-files'] ?? 0} -${s.summary['deleted-data-files'] ?? 0} files`;
    const current = s['snapshot-id'] === d.currentSnapshotId ? '  (current)' : '';
    console.log(`  ${String(s['snapshot-id']).padEnd(17)} ${iso(s['timestamp-ms'])}  ${operation.padEnd(9)} ${files.padEnd(16)} ${s.summary['total-records'] ?? '?'} records${current}`);
  }
  const bytes = d.files.reduce((sum, file) => sum + file.fileSizeInBytes, 0);
  console.log(`data files of the current snapshot: ${d.files.length}, ${bytes} bytes, ${d.files.reduce((sum, file) => sum + file.recordCount, 0)} records`);
  for (const file of d.files) console.log(`  ${JSON.stringify(file.partition)}  ${file.recordCount} records  ${file.fileSizeInBytes} bytes  ${file.path}`);
}

export function icebergCommand(): Command {
  const command = new Command('iceberg').description('maintenance of the Iceberg tables behind SHELFSTREAM_ICEBERG_CATALOG_URL');
  command
    .command('describe')
    .argument('<table>', '<namespace>.<table>', tableArgument)
    .description('the schema, partition spec, snapshots and the current data files with their sizes')
    .option('--json', 'print the description as JSON')
    .action(async (id: TableIdentifier, options: { json?: boolean }, sub: Command) => {
      const config = configFrom(sub);
      const table = await openTable(config, id);
      const description = await describeTable(new IcebergFileIO(createMinioClient(config)), table.metadata);
      // Snapshot ids of other writers may be bigints (above 2^53): JSON.stringify throws on those.
      if (options.json === true) console.log(stringify(description, null, 2));
      else printDescription(`${id.namespace.join('.')}.${id.name}`, description);
    });
  command
    .command('compact')
    .argument('<table>', '<namespace>.<table>', tableArgument)
    .description("rewrite each partition's small files into files near the target size, in one atomic replace snapshot")
    .option('--partition <value>', 'only this partition (a day as 2026-01-01, or an identity value)')
    .addOption(new Option('--target-size <bytes>', "target file size (default: the table's write.target-file-size-bytes, else 512 MiB)").argParser(countArgument))
    .action(async (id: TableIdentifier, options: { partition?: string; targetSize?: number }, sub: Command) => {
      const table = await openTable(configFrom(sub), id);
      const result = await compactFiles(table, {
        ...(options.partition === undefined ? {} : { partition: options.partition }),
        ...(options.targetSize === undefined ? {} : { targetFileSizeBytes: options.targetSize }),
      });
      console.log(
        result.removed === 0
          ? `${id.name}: no partition has two small files, nothing rewritten`
          : `${id.name}: ${result.removed} files in ${result.partitions} partitions rewritten into ${result.added} (snapshot ${table.currentSnapshot?.['snapshot-id']})`,
      );
    });
  command
    .command('expire-snapshots')
    .argument('<table>', '<namespace>.<table>', tableArgument)
    .description('remove old snapshots from the metadata (never the head); their unreferenced files go with remove-orphans')
    .addOption(new Option('--older-than <age|instant>', 'snapshots committed before this: 5d, 12h, 0s or an ISO instant').default(Date.now() - 5 * DAY_MS, '5d').argParser(instantArgument))
    .addOption(new Option('--retain-last <n>', 'keep at least the newest n snapshots of main').default(1).argParser(countArgument))
    .action(async (id: TableIdentifier, options: { olderThan: number; retainLast: number }, sub: Command) => {
      const config = configFrom(sub);
      const catalog = new IcebergRestCatalog({ url: config.iceberg.catalogUrl, timeoutMs: CATALOG_TIMEOUT_MS });
      const { metadata } = await catalog.loadTable(id);
      const expired = await expireSnapshots(catalog, id, metadata, { olderThanMs: options.olderThan, retainLast: options.retainLast });
      console.log(`${id.name}: ${expired.length} snapshots expired${expired.length === 0 ? '' : ` (${expired.join(', ')})`}, ${(metadata.snapshots ?? []).length - expired.length} kept`);
    });
  command
    .command('remove-orphans')
    .argument('<table>', '<namespace>.<table>', tableArgument)
    .description("delete objects under the table's location that no snapshot references (files of failed or uncommitted writes, of expired snapshots)")
    .addOption(new Option('--older-than <age|instant>', 'only objects written before this: 3d, 1h, 0s or an ISO instant').default(Date.now() - 3 * DAY_MS, '3d').argParser(instantArgument))
    .option('--dry-run', 'list the orphans, delete nothing')
    .action(async (id: TableIdentifier, options: { olderThan: number; dryRun?: boolean }, sub: Command) => {
      const config = configFrom(sub);
      const table = await openTable(config, id);
      const orphans = await removeOrphanFiles(new IcebergFileIO(createMinioClient(config)), table.metadata, { olderThanMs: options.olderThan, dryRun: options.dryRun === true });
      for (const location of orphans) console.log(location);
      console.log(`${id.name}: ${orphans.length} orphan files ${options.dryRun === true ? 'found (dry run)' : 'deleted'}`);
    });
  return command;
}
