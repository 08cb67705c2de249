import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_MANIFEST, loadSubjectManifest } from '../../schemas/cli/subject-manifest.ts';
import { readSchemaFile, schemaFileNames } from '../../schemas/schema-files.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { HttpSchemaRegistryClient } from '../../schemas/serde/http-schema-registry.ts';
import type { SchemaName } from '../../schemas/types/schema-values.ts';
import { repoPath } from './repo-path.ts';
import { runCli, type CliResult } from './run-cli.ts';
import { sampleRecords } from './sample-records.ts';

/** A Confluent-compatible registry started for one suite, empty. */
export interface RegistryUnderTest {
  readonly url: string;
  close(): Promise<void>;
}

/** Where a registry answers otherwise than Confluent's API documents: the suite asserts the registry's answer instead, and says why. */
export interface KnownDeviation<T> {
  readonly answer: T;
  readonly reason: string;
}

export interface RegistryDeviations {
  /** The error code for a version of a subject that does not exist, documented as 40401. */
  readonly unknownSubjectVersionErrorCode?: KnownDeviation<number>;
}

type Json = Record<string, unknown> & { fields: Record<string, unknown>[] };
interface Listing {
  subject: string;
  versions: { version: number; id: number; type: string }[];
}
interface Change {
  path: string;
  change: string;
  aspect: string;
  before?: string;
  after?: string;
}

const subjects = loadSubjectManifest(DEFAULT_MANIFEST);
const subjectNames = subjects.map((s) => s.subject).sort();

/** A copy of schemas/ in a temporary directory, with some schema files edited: a user's next change. */
function editedSchemas(edits: Record<string, (schema: Json) => void>, extraFiles: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shelfstream-schemas-'));
  cpSync(repoPath('schemas/avro'), path.join(dir, 'avro'), { recursive: true });
  cpSync(DEFAULT_MANIFEST, path.join(dir, 'subjects.json'));
  for (const [name, edit] of Object.entries(edits)) {
    const file = path.join(dir, 'avro', `${name}.avsc`);
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Json;
    edit(schema);
    writeFileSync(file, JSON.stringify(schema, null, 2));
  }
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(path.join(dir, 'avro', name), text);
  return dir;
}

/** A compatible next version of SalesOrder: a field removed, one added with a default, a default, a doc and a symbol changed. */
function salesOrderV2(s: Json): void {
  s.fields = s.fields.filter((f) => f.name !== 'seller_id');
  s.fields.push({ name: 'gift_message', type: ['null', 'string'], default: null, doc: 'Gift note, if any' });
  field(s, 'currency').default = 'EUR';
  field(s, 'brand').doc = 'Brand as printed on the product';
  (field(s, 'payment_method').type as { symbols: string[] }).symbols.push('GIFT_CARD');
}

const field = (schema: Json, name: string): Record<string, unknown> => {
  const found = schema.fields.find((f) => f.name === name);
  assert.ok(found, `field ${name}`);
  return found;
};

// Plain JSON, bytes as hex: avsc's records are class instances, so compare their JSON.
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (isBufferJson(v) ? Buffer.from(v.data).toString('hex') : v)));
const isBufferJson = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);

function assertCleanFailure(result: CliResult): void {
  assert.equal(result.killed, false, 'the command hung');
  assert.equal(result.code, 1, result.stderr);
  assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'stack trace printed');
}

/**
 * `shelfstream schemas` and the AvroSerde through one registry, using only Confluent's REST API as
 * documented: the same suite runs against every Confluent-compatible registry.
 */
export function describeSchemasCli(label: string, start: () => Promise<RegistryUnderTest>, deviations: RegistryDeviations = {}): void {
  describe(`shelfstream schemas against ${label}`, () => {
    let registry: RegistryUnderTest;
    const temporary: string[] = [];
    const cli = (...args: string[]) => runCli(['schemas', ...args], { SHELFSTREAM_SCHEMA_REGISTRY_URL: registry.url });
    const listing = async (): Promise<Listing[]> => {
      const result = await cli('list', '--json');
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout) as Listing[];
    };
    const edited = (...args: Parameters<typeof editedSchemas>): string => {
      const dir = editedSchemas(...args);
      temporary.push(dir);
      return path.join(dir, 'subjects.json');
    };

    before(async () => {
      registry = await start();
    });

    after(async () => {
      await registry.close();
      for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    });

    it('check on an empty registry: every subject of the manifest is compatible, nothing is registered', async () => {
      const result = await cli('check', '--json');
      assert.equal(result.code, 0, result.stderr);
      const checks = JSON.parse(result.stdout) as { subject: string; status: string }[];
      assert.deepEqual(checks.map((c) => c.subject).sort(), subjectNames);
      for (const c of checks) assert.ok(['compatible', 'new'].includes(c.status), `${c.subject}: ${c.status}`);
      assert.deepEqual(await listing(), []);
    });

    it('register: every schema file under its subjects, keys as the Avro string schema', async () => {
      const listed = new Set(subjects.map((s) => s.source));
      for (const name of schemaFileNames()) assert.ok(listed.has(`schemas/avro/${name}.avsc`), `${name}.avsc is in the manifest`);
      const result = await cli('register');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`${subjects.length} subjects in .*: ${subjects.length} registered, 0 unchanged`));
      const after = await listing();
      assert.deepEqual(after.map((s) => s.subject), subjectNames);
      for (const s of after) assert.deepEqual(s.versions.map((v) => v.version), [1]);
      const keyIds = new Set(after.filter((s) => s.subject.endsWith('-key')).map((s) => s.versions[0]?.id));
      assert.equal(keyIds.size, 1, 'one global id for the one key schema');
      const orders = after.find((s) => s.subject === 'shelfstream.orders-value');
      assert.equal(orders?.versions[0]?.type, 'record com.shelfstream.raw.SalesOrder');
    });

    it('register again: everything unchanged, every id kept', async () => {
      const before = await listing();
      const result = await cli('register');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`: 0 registered, ${subjects.length} unchanged`));
      assert.deepEqual(await listing(), before);
      const text = await cli('list');
      assert.match(text.stdout, /^SUBJECT\s+VERSION\s+ID\s+SCHEMA$/m);
      for (const s of before) assert.match(text.stdout, new RegExp(`^${s.subject.replaceAll('.', '\\.')}\\s+1\\s+${s.versions[0]?.id}\\s`, 'm'));
    });

    it('an incompatible file: check exits 1 naming file, subject and reasons; register stores nothing', async () => {
      const manifest = edited({
        'sales-order': (s) => {
          field(s, 'quantity').type = 'string';
          s.fields.push({ name: 'gift_message', type: 'string', doc: 'required, and older records lack it' });
        },
      });
      const file = path.join(path.dirname(manifest), 'avro', 'sales-order.avsc');
      const before = await listing();

      const check = await cli('check', '--manifest', manifest, '--json');
      assertCleanFailure(check);
      const standings = JSON.parse(check.stdout) as { subject: string; status: string; messages?: string[] }[];
      assert.deepEqual(standings.filter((s) => s.status === 'incompatible').map((s) => s.subject), ['shelfstream.orders-value']);
      assert.ok((standings.find((s) => s.status === 'incompatible')?.messages ?? []).length > 0, 'the registry\'s reasons');
      assert.match(check.stderr, /\[SCHEMAS_INCOMPATIBLE\]/);
      assert.ok(check.stderr.includes(`${file} is incompatible with subject shelfstream.orders-value:`), check.stderr);

      const register = await cli('register', '--manifest', manifest);
      assertCleanFailure(register);
      assert.match(register.stderr, /nothing registered/);
      assert.ok(register.stderr.includes(file));
      assert.deepEqual(await listing(), before, 'nothing stored');
    });

    it('a compatible change: register adds versions, diff shows fields added, removed and changed', async () => {
      const manifest = edited({
        'sales-order': salesOrderV2,
        'crawled-product-page': (s) => {
          const rank = (field(s, 'best_seller_ranks').type as { items: Json }).items;
          field(rank, 'category').doc = 'Category name, as shown';
          rank.fields.push({ name: 'is_top_level', type: 'boolean', default: true, doc: 'A root category' });
        },
      });
      const register = await cli('register', '--manifest', manifest);
      assert.equal(register.code, 0, register.stderr);
      assert.match(register.stdout, new RegExp(`: 2 registered, ${subjects.length - 2} unchanged`));
      assert.match(register.stdout, /^registered\s+shelfstream\.orders-value\s+version 2\s/m);

      const diff = await cli('diff', 'shelfstream.orders-value', '1', 'latest', '--json');
      assert.equal(diff.code, 0, diff.stderr);
      const { changes, before, after } = JSON.parse(diff.stdout) as { changes: Change[]; before: { version: number }; after: { version: number } };
      assert.deepEqual([before.version, after.version], [1, 2]);
      const brief = changes.map((c) => `${c.change} ${c.aspect} ${c.path}`).sort();
      assert.deepEqual(brief, [
        'added field gift_message',
        'added symbols payment_method',
        'changed default currency',
        'changed doc brand',
        'removed field seller_id',
      ]);
      assert.deepEqual(changes.find((c) => c.path === 'currency'), { path: 'currency', change: 'changed', aspect: 'default', before: '"USD"', after: '"EUR"' });
      assert.equal(changes.find((c) => c.path === 'payment_method')?.after, 'GIFT_CARD');

      const text = await cli('diff', 'shelfstream.orders-value', '1', '2');
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^shelfstream\.orders-value: version 1 \(id \d+\) → version 2 \(id \d+\)$/m);
      assert.match(text.stdout, /^ {2}\+ gift_message\s+added: null \| string, default null, doc "Gift note, if any"$/m);
      assert.match(text.stdout, /^ {2}- seller_id\s+removed: string/m);
      assert.match(text.stdout, /^ {2}~ currency\s+default: "USD" → "EUR"$/m);

      const nested = await cli('diff', 'shelfstream.product-pages-value', '1', '2');
      assert.equal(nested.code, 0, nested.stderr);
      assert.match(nested.stdout, /^ {2}~ best_seller_ranks\[\]\.category\s+doc: "Category name as shown on the page" → "Category name, as shown"$/m);
      assert.match(nested.stdout, /^ {2}\+ best_seller_ranks\[\]\.is_top_level\s+added: boolean, default true/m);

      const check = await cli('check', '--manifest', manifest);
      assert.equal(check.code, 0, check.stderr);
      const same = await cli('diff', 'shelfstream.orders-key', '1', 'latest');
      assert.match(same.stdout, /no differences/);
    });

    it('a 409 on registration (a transitive level the check against latest cannot see): the registry\'s message, file and subject', async () => {
      const level = await fetch(`${registry.url}/config/shelfstream.orders-value`, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'BACKWARD_TRANSITIVE' }),
      });
      assert.equal(level.status, 200, await level.text());
      // Readers of v3 can read v2 records (they carry gift_message) but not v1 records (they lack it).
      const manifest = edited({
        'sales-order': (s) => {
          salesOrderV2(s);
          delete field(s, 'gift_message').default;
        },
      });
      const before = await listing();
      const check = await cli('check', '--manifest', manifest);
      assert.equal(check.code, 0, check.stderr);
      const register = await cli('register', '--manifest', manifest);
      assertCleanFailure(register);
      assert.match(register.stderr, /schemas register: \d+ subjects done, these refused/);
      assert.ok(register.stderr.includes(`${path.join(path.dirname(manifest), 'avro', 'sales-order.avsc')} is incompatible with subject shelfstream.orders-value:`));
      assert.match(register.stderr, /Schema Registry 409/);
      assert.deepEqual(await listing(), before, 'nothing stored');
    });

    it('an unknown version or subject: the registry\'s error, exit 1', async (t) => {
      const version = await cli('diff', 'shelfstream.orders-value', '1', '99');
      assertCleanFailure(version);
      assert.match(version.stderr, /\[SCHEMA_REGISTRY_40402\]/);
      const subject = await cli('diff', 'no.such-value', '1', '2');
      assertCleanFailure(subject);
      const deviation = deviations.unknownSubjectVersionErrorCode;
      if (deviation) t.diagnostic(`${label} answers ${String(deviation.answer)}, not 40401: ${deviation.reason}`);
      assert.ok(subject.stderr.includes(`[SCHEMA_REGISTRY_${String(deviation?.answer ?? 40401)}]`), subject.stderr);
    });

    it('a schema file left out of the manifest: SUBJECT_MANIFEST_INVALID naming it, before any registry call', async () => {
      const manifest = edited({}, { 'forgotten.avsc': '{"type":"record","name":"Forgotten","fields":[]}' });
      const result = await cli('check', '--manifest', manifest);
      assertCleanFailure(result);
      assert.match(result.stderr, /\[SUBJECT_MANIFEST_INVALID\]/);
      assert.ok(result.stderr.includes(`${path.join(path.dirname(manifest), 'avro', 'forgotten.avsc')} is under no topic`), result.stderr);
    });

    it('an unreachable registry: exit 1 naming the setting', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as { port: number }).port;
      await new Promise((resolve) => closed.close(resolve));
      const result = await runCli(['schemas', 'list'], { SHELFSTREAM_SCHEMA_REGISTRY_URL: `http://127.0.0.1:${port}` });
      assertCleanFailure(result);
      assert.match(result.stderr, /SHELFSTREAM_SCHEMA_REGISTRY_URL/);
    });

    it('AvroSerde round trip of every schema, the reader fetching writer schemas by id', async () => {
      const writer = new AvroSerde(new HttpSchemaRegistryClient({ url: registry.url }));
      const reader = new AvroSerde(new HttpSchemaRegistryClient({ url: registry.url }));
      for (const name of schemaFileNames() as SchemaName[]) {
        const schema = readSchemaFile(name);
        const bytes = await writer.serialize(`roundtrip.${name}-value`, schema, sampleRecords[name]);
        const expected: unknown = schema.type.fromBuffer(schema.type.toBuffer(sampleRecords[name]));
        assert.deepEqual(plain(await reader.deserialize(bytes, schema)), plain(expected), name);
      }
    });
  });
}
