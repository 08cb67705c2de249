import { Command, InvalidArgumentError, Option } from 'commander';
import type { ShelfstreamConfig } from '../../config/index.ts';
import { diffAvroSchemas } from '../../schemas/cli/avro-schema-diff.ts';
import { fullName, isObject, typeText, type AvroJson } from '../../schemas/cli/avro-type-text.ts';
import { checkSubjects, type SubjectCheck } from '../../schemas/cli/check-subjects.ts';
import { formatSchemaDiff } from '../../schemas/cli/format-schema-diff.ts';
import { registerSubjects } from '../../schemas/cli/register-subjects.ts';
import { RegistryAdmin } from '../../schemas/cli/registry-admin.ts';
import { DEFAULT_MANIFEST, loadSubjectManifest } from '../../schemas/cli/subject-manifest.ts';
import { textColumns } from '../../schemas/cli/text-columns.ts';
import { HttpSchemaRegistryClient } from '../../schemas/serde/http-schema-registry.ts';
import { IncompatibleSchemasError } from '../../errors/index.ts';
import { configFrom } from '../global-options.ts';

function registry(config: ShelfstreamConfig): { client: HttpSchemaRegistryClient; admin: RegistryAdmin } {
  const client = new HttpSchemaRegistryClient({ url: config.schemaRegistry.url, timeoutMs: config.connectTimeoutMs });
  return { client, admin: new RegistryAdmin(client) };
}

const manifestOption = () => new Option('--manifest <file>', 'subject manifest: topics and their key and value schema files').default(DEFAULT_MANIFEST, 'schemas/subjects.json');

function versionArgument(value: string): number | 'latest' {
  if (value === 'latest') return value;
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a version number or latest');
  return Number(value);
}

/** `record com.shelfstream.raw.SalesOrder`, `string`, or the type of a non-Avro schema. */
function schemaSummary(schema: string, schemaType: string): string {
  if (schemaType !== 'AVRO') return schemaType;
  const json = JSON.parse(schema) as AvroJson;
  return isObject(json) && typeof json.name === 'string' ? `${String(json.type)} ${fullName(json, undefined)}` : typeText(json);
}

function standingText(check: SubjectCheck): string {
  const s = check.standing;
  switch (s.status) {
    case 'registered':
      return `registered (version ${s.version}, id ${s.id})`;
    case 'compatible':
      return 'compatible, not registered yet';
    case 'new':
      return 'new subject';
    case 'incompatible':
      return 'INCOMPATIBLE';
  }
}

export function schemasCommand(): Command {
  const register = new Command('register')
    .description('register every schema of the manifest under its subject; nothing is registered if one is incompatible')
    .addOption(manifestOption())
    .action(async (options: { manifest: string }, command: Command) => {
      const config = configFrom(command);
      const subjects = loadSubjectManifest(options.manifest);
      const { client, admin } = registry(config);
      const width = Math.max(...subjects.map((s) => s.subject.length));
      const done = await registerSubjects(client, admin, subjects, (r) => {
        console.log(`${r.status.padEnd(10)}  ${r.local.subject.padEnd(width)}  version ${String(r.version).padEnd(3)}  id ${String(r.id).padEnd(5)}  ${r.local.source}`);
      });
      const added = done.filter((r) => r.status === 'registered').length;
      console.log(`${done.length} subjects in ${config.schemaRegistry.url}: ${added} registered, ${done.length - added} unchanged`);
    });

  const check = new Command('check')
    .description('check the manifest\'s schemas against the registry without registering; exit 1 if one is incompatible (for CI)')
    .addOption(manifestOption())
    .option('--json', 'print the results as JSON')
    .action(async (options: { manifest: string; json?: boolean }, command: Command) => {
      const subjects = loadSubjectManifest(options.manifest);
      const { client, admin } = registry(configFrom(command));
      const checks = await checkSubjects(client, admin, subjects);
      if (options.json === true) {
        console.log(JSON.stringify(checks.map((c) => ({ subject: c.local.subject, file: c.local.source, ...c.standing })), null, 2));
      } else {
        for (const line of textColumns(checks.map((c) => [c.local.subject, c.local.source, standingText(c)]))) console.log(line);
      }
      const refused = checks.flatMap(({ local, standing }) =>
        standing.status === 'incompatible' ? [{ subject: local.subject, file: local.source, messages: standing.messages }] : [],
      );
      if (refused.length > 0) throw new IncompatibleSchemasError('schemas check', refused);
    });

  const list = new Command('list')
    .description('list the registry\'s subjects with their versions and schema ids')
    .option('--json', 'print the subjects as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { admin } = registry(configFrom(command));
      const listing = [];
      for (const subject of await admin.subjects()) {
        const versions = [];
        for (const n of await admin.versions(subject)) {
          const v = await admin.version(subject, n);
          versions.push({ version: v.version, id: v.id, type: schemaSummary(v.schema, v.schemaType) });
        }
        listing.push({ subject, versions });
      }
      if (options.json === true) {
        console.log(JSON.stringify(listing, null, 2));
        return;
      }
      const rows = [['SUBJECT', 'VERSION', 'ID', 'SCHEMA']];
      for (const { subject, versions } of listing) {
        versions.forEach((v, i) => rows.push([i === 0 ? subject : '', String(v.version), String(v.id), v.type]));
      }
      for (const line of textColumns(rows)) console.log(line);
      if (listing.length === 0) console.log('(no subjects)');
    });

  const diff = new Command('diff')
    .description('field-level differences between two versions of a subject: fields added, removed, changed (type, default, doc)')
    .argument('<subject>', 'subject, such as shelfstream.orders-value')
    .argument('<v1>', 'older version (number or latest)', versionArgument)
    .argument('<v2>', 'newer version (number or latest)', versionArgument)
    .option('--json', 'print the changes as JSON')
    .action(async (subject: string, v1: number | 'latest', v2: number | 'latest', options: { json?: boolean }, command: Command) => {
      const { admin } = registry(configFrom(command));
      const before = await admin.version(subject, v1);
      const after = await admin.version(subject, v2);
      for (const v of [before, after]) {
        if (v.schemaType !== 'AVRO') command.error(`shelfstream: error: ${subject} version ${v.version} is ${v.schemaType}, not Avro`, { exitCode: 2 });
      }
      const changes = diffAvroSchemas(JSON.parse(before.schema) as AvroJson, JSON.parse(after.schema) as AvroJson);
      if (options.json === true) {
        const side = (v: typeof before) => ({ version: v.version, id: v.id });
        console.log(JSON.stringify({ subject, before: side(before), after: side(after), changes }, null, 2));
        return;
      }
      console.log(`${subject}: version ${before.version} (id ${before.id}) → version ${after.version} (id ${after.id})`);
      for (const line of formatSchemaDiff(changes)) console.log(line);
    });

  return new Command('schemas')
    .description('register, list, diff and check the Avro schemas of schemas/ against the Schema Registry')
    .addCommand(register)
    .addCommand(check)
    .addCommand(list)
    .addCommand(diff);
}
