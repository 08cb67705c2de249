import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { basicAuthCredentials } from './basic-auth-credentials.ts';
import { Secret } from './secret.ts';
import { setting, type Environment } from './setting.ts';

// Defaults follow the native launcher's port variables so that moving a port moves both.
const port = (env: Environment, name: string, fallback: number): string => env[name] ?? String(fallback);
const local = (env: Environment): string => env.SHELFSTREAM_HOST ?? '127.0.0.1';

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const brokerList = z
  .string()
  .transform((s) => s.split(',').map((b) => b.trim()).filter((b) => b.length > 0))
  .pipe(z.array(z.string().regex(hostPort, 'expected host:port')).min(1, 'expected at least one host:port'));
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const nonEmpty = z.string().min(1, 'must not be empty');
const secret = z.string().transform((s) => new Secret(s));
const positiveInt = z.string().regex(/^\d+$/, 'expected a positive integer').transform(Number).pipe(z.number().int().positive());
const wholeNumber = z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().int().nonnegative());
const portNumber = z.string().regex(/^\d{1,5}$/, 'expected a port number').transform(Number).pipe(z.number().int().max(65_535));
const trueOrFalse = z.enum(['true', 'false'], { error: 'expected true or false' }).transform((v) => v === 'true');

/** The configuration table: every setting the application reads, in one place. */
export const settings = {
  kafkaBrokers: setting({
    env: 'SHELFSTREAM_KAFKA_BROKERS',
    doc: 'Kafka bootstrap servers, comma-separated host:port',
    schema: brokerList,
    fallback: (e) => `${local(e)}:${port(e, 'SHELFSTREAM_KAFKA_PORT', 9092)}`,
  }),
  kafkaDriver: setting({
    env: 'SHELFSTREAM_KAFKA_DRIVER',
    doc: 'Kafka client library: kafkajs or rdkafka (node-rdkafka)',
    schema: z.enum(['kafkajs', 'rdkafka']),
    fallback: () => 'kafkajs',
  }),
  kafkaClientId: setting({
    env: 'SHELFSTREAM_KAFKA_CLIENT_ID',
    doc: 'client.id sent to Kafka, visible in broker logs and quotas',
    schema: nonEmpty,
    fallback: () => 'shelfstream',
  }),
  kafkaSessionTimeoutMs: setting({
    env: 'SHELFSTREAM_KAFKA_SESSION_TIMEOUT_MS',
    doc: 'consumer-group session timeout: how soon the partitions of a crashed member move to others',
    schema: positiveInt,
    fallback: () => '30000',
  }),
  kafkaFetchMaxBytes: setting({
    env: 'SHELFSTREAM_KAFKA_FETCH_MAX_BYTES',
    doc: 'most bytes a consumer holds fetched but not yet processed; fetching waits while sinks lag, so this bounds memory',
    schema: positiveInt,
    fallback: () => String(16 * 1024 * 1024),
  }),
  kafkaFetchMaxBytesPerPartition: setting({
    env: 'SHELFSTREAM_KAFKA_FETCH_MAX_BYTES_PER_PARTITION',
    doc: 'most bytes of one partition fetched at a time, and held before its fetching pauses while its task catches up',
    schema: positiveInt,
    // A batch of a partition is at most this: 4 MiB (about 22,000 orders) rather than the clients' 1 MiB
    // spreads each exactly-once checkpoint, and the window states it writes, over four times the records.
    fallback: () => String(4 * 1024 * 1024),
  }),
  processingGuarantee: setting({
    env: 'SHELFSTREAM_PROCESSING_GUARANTEE',
    doc: 'exactly-once: outputs, state and offsets of a batch commit in one Kafka transaction; at-least-once: offsets after writes',
    schema: z.enum(['exactly-once', 'at-least-once']),
    fallback: () => 'exactly-once',
  }),
  commitIntervalMs: setting({
    env: 'SHELFSTREAM_COMMIT_INTERVAL_MS',
    doc: "under exactly-once, how long a task's transaction gathers batches before it commits (sooner when a sink asks or the input is caught up); Kafka Streams' commit.interval.ms under exactly-once, whose default it takes: the transaction, not the operators, is the cost of a batch, and 100 ms keeps output latency low. At-least-once checkpoints every batch",
    schema: positiveInt,
    fallback: () => '100',
  }),
  schemaRegistryUrl: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_URL',
    doc: 'Confluent-compatible Schema Registry URL',
    schema: httpUrl,
    fallback: (e) => `http://${local(e)}:${port(e, 'SHELFSTREAM_SCHEMA_REGISTRY_PORT', 8081)}`,
  }),
  schemaRegistryHost: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_HOST',
    doc: 'interface our schema registry server listens on',
    schema: nonEmpty,
    fallback: local,
  }),
  schemaRegistryPort: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_PORT',
    doc: 'port our schema registry server listens on (0: any free port); the default registry URL follows this variable',
    schema: portNumber,
    fallback: () => '8081',
  }),
  schemaRegistryTopic: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_TOPIC',
    doc: 'compacted Kafka topic holding every schema, version and setting of our schema registry',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name'),
    fallback: () => '_schemas',
  }),
  schemaRegistryTopicReplicationFactor: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_TOPIC_REPLICATION_FACTOR',
    doc: 'replicas of the schema topic when our registry creates it (1 for a single-broker stack)',
    schema: positiveInt,
    fallback: () => '1',
  }),
  schemaRegistryBasicAuth: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH',
    doc: 'user:password that every request to our schema registry must present with HTTP basic auth (empty: no auth)',
    schema: basicAuthCredentials,
    fallback: () => '',
    secret: true,
  }),
  schemaRegistryReadOnly: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY',
    doc: 'true: our schema registry serves reads only and refuses every change (42205)',
    schema: trueOrFalse,
    fallback: () => 'false',
  }),
  s3Endpoint: setting({
    env: 'SHELFSTREAM_S3_ENDPOINT',
    doc: 'S3-compatible object store (MinIO) endpoint',
    schema: httpUrl,
    fallback: (e) => `http://${local(e)}:${port(e, 'SHELFSTREAM_MINIO_PORT', 9000)}`,
  }),
  s3AccessKey: setting({
    env: 'SHELFSTREAM_S3_ACCESS_KEY',
    doc: 'object store access key',
    schema: nonEmpty,
    fallback: () => 'shelfstream',
  }),
  s3SecretKey: setting({
    env: 'SHELFSTREAM_S3_SECRET_KEY',
    doc: 'object store secret key',
    schema: secret.refine((s) => !s.isEmpty, 'must not be empty'),
    fallback: () => 'shelfstream-secret',
    secret: true,
  }),
  s3Region: setting({
    env: 'SHELFSTREAM_S3_REGION',
    doc: 'object store region',
    schema: nonEmpty,
    fallback: () => 'us-east-1',
  }),
  rawBucket: setting({
    env: 'SHELFSTREAM_RAW_BUCKET',
    doc: 'bucket for raw crawled pages and replayed files',
    schema: nonEmpty,
    fallback: () => 'raw',
  }),
  clickhouseUrl: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_URL',
    doc: 'ClickHouse HTTP interface URL',
    schema: httpUrl,
    fallback: (e) => `http://${local(e)}:${port(e, 'SHELFSTREAM_CLICKHOUSE_HTTP_PORT', 8123)}`,
  }),
  clickhouseUser: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_USER',
    doc: 'ClickHouse user',
    schema: nonEmpty,
    fallback: () => 'default',
  }),
  clickhousePassword: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_PASSWORD',
    doc: 'ClickHouse password (empty for none)',
    schema: secret,
    fallback: () => '',
    secret: true,
  }),
  clickhouseDatabase: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_DATABASE',
    doc: 'ClickHouse database holding the KPI tables',
    schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an identifier'),
    fallback: () => 'shelfstream',
  }),
  icebergCatalogUrl: setting({
    env: 'SHELFSTREAM_ICEBERG_CATALOG_URL',
    doc: 'Iceberg REST catalog URL',
    schema: httpUrl,
    fallback: (e) => `http://${local(e)}:${port(e, 'SHELFSTREAM_ICEBERG_PORT', 8181)}`,
  }),
  icebergWarehouse: setting({
    env: 'SHELFSTREAM_ICEBERG_WAREHOUSE',
    doc: 'Iceberg warehouse location',
    schema: z.string().regex(/^s3a?:\/\/[^/]+\/?/, 'expected s3://bucket/'),
    fallback: (e) => `s3://${e.SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET ?? 'warehouse'}/`,
  }),
  clickhouseFlushIntervalMs: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_FLUSH_INTERVAL_MS',
    doc: "longest a ClickHouse insert sink buffers rows before it asks for a checkpoint; it holds the commit interval's checkpoints back meanwhile, so inserts stay near ClickHouse's advice of about one a second per table",
    schema: positiveInt,
    fallback: () => '1000',
  }),
  clickhouseFlushBytes: setting({
    env: 'SHELFSTREAM_CLICKHOUSE_FLUSH_BYTES',
    doc: 'input bytes a ClickHouse insert sink buffers before it asks for a checkpoint at once',
    schema: positiveInt,
    fallback: () => String(16 * 1024 * 1024),
  }),
  icebergFlushIntervalMs: setting({
    env: 'SHELFSTREAM_ICEBERG_FLUSH_INTERVAL_MS',
    doc: "longest an Iceberg table sink buffers rows before it asks for a checkpoint (one snapshot per task each time); it holds the commit interval's checkpoints back meanwhile, so tables get few, larger files. Data lands in the lake within about this long",
    schema: positiveInt,
    fallback: () => '10000',
  }),
  icebergFlushBytes: setting({
    env: 'SHELFSTREAM_ICEBERG_FLUSH_BYTES',
    doc: 'input bytes an Iceberg table sink buffers before it asks for a checkpoint at once: bounds its memory (rows in memory take several times their input size)',
    schema: positiveInt,
    fallback: () => String(16 * 1024 * 1024),
  }),
  icebergCompactIntervalMs: setting({
    env: 'SHELFSTREAM_ICEBERG_COMPACT_INTERVAL_MS',
    doc: "how often the main job compacts its silver and gold tables beside the pipeline (infra/iceberg/compaction-schedule.ts): each partition's small files rewritten into one replace snapshot, as `shelfstream iceberg compact` does; 0 turns it off",
    schema: wholeNumber,
    fallback: () => '0',
  }),
  icebergCompactMinFiles: setting({
    env: 'SHELFSTREAM_ICEBERG_COMPACT_MIN_FILES',
    doc: 'small files (below three quarters of the target file size) a partition must hold before scheduled compaction rewrites it',
    schema: positiveInt,
    fallback: () => '10',
  }),
  marketplaceApiUrl: setting({
    env: 'SHELFSTREAM_MARKETPLACE_API_URL',
    doc: 'marketplace product-data API (SmartScout style) that `shelfstream poll` reads',
    schema: httpUrl,
    fallback: (e) => `http://${local(e)}:8095`,
  }),
  marketplaceApiKey: setting({
    env: 'SHELFSTREAM_MARKETPLACE_API_KEY',
    doc: 'API key sent in X-API-Key to the marketplace API (empty for none)',
    schema: secret,
    fallback: () => '',
    secret: true,
  }),
  crawlAllowPrivate: setting({
    env: 'SHELFSTREAM_CRAWL_ALLOW_PRIVATE',
    doc: 'let the crawler fetch URLs that resolve to private or loopback addresses (true for tests on a local fixture storefront)',
    schema: trueOrFalse,
    fallback: () => 'false',
  }),
  consoleHost: setting({
    env: 'SHELFSTREAM_CONSOLE_HOST',
    doc: 'interface the web console (`shelfstream console`) listens on',
    schema: nonEmpty,
    fallback: local,
  }),
  consolePort: setting({
    env: 'SHELFSTREAM_CONSOLE_PORT',
    doc: 'port the web console listens on (0: any free port)',
    schema: portNumber,
    fallback: () => '8090',
  }),
  consoleBasicAuth: setting({
    env: 'SHELFSTREAM_CONSOLE_BASIC_AUTH',
    doc: 'user:password the web console asks for with HTTP basic auth (empty: no basic auth)',
    schema: basicAuthCredentials,
    fallback: () => '',
    secret: true,
  }),
  consoleToken: setting({
    env: 'SHELFSTREAM_CONSOLE_TOKEN',
    doc: 'bearer token the web console accepts instead of basic auth, as `Authorization: Bearer <token>` or `?token=` once (empty: none)',
    schema: secret,
    fallback: () => '',
    secret: true,
  }),
  consoleReadOnly: setting({
    env: 'SHELFSTREAM_CONSOLE_READ_ONLY',
    doc: 'true: the web console shows no write action (compatibility levels stay as they are) and its API refuses every change',
    schema: trueOrFalse,
    fallback: () => 'false',
  }),
  consoleTopologyUrls: setting({
    env: 'SHELFSTREAM_CONSOLE_TOPOLOGY_URLS',
    doc: 'comma-separated metrics URLs of running topology members (`topology run --metrics-port`), whose /topology and /metrics the console\'s Topology page shows (empty: none)',
    schema: z.string().transform((s) => s.split(',').map((u) => u.trim()).filter((u) => u.length > 0)).pipe(z.array(httpUrl)),
    fallback: () => '',
  }),
  consoleWindowGraceMs: setting({
    env: 'SHELFSTREAM_CONSOLE_WINDOW_GRACE_MS',
    doc: "grace the console's dashboards allow a KPI window after its end before marking it final: set it to the grace of the pipeline writing ClickHouse (the main job's is 3600000)",
    schema: positiveInt,
    fallback: () => '3600000',
  }),
  connectTimeoutMs: setting({
    env: 'SHELFSTREAM_CONNECT_TIMEOUT_MS',
    doc: 'how long to wait for a service before failing with a clear error',
    schema: positiveInt,
    fallback: () => '5000',
  }),
  stackDir: setting({
    env: 'SHELFSTREAM_STACK_DIR',
    doc: 'directory of the native local stack (logs, pid files, data) and of the main job\'s sample files',
    schema: nonEmpty,
    fallback: () => fileURLToPath(new URL('../.stack', import.meta.url)),
  }),
  localStack: setting({
    env: 'SHELFSTREAM_LOCAL_STACK',
    doc: 'auto: start docker/local-stack when a service is down; off: use the services as configured',
    schema: z.enum(['auto', 'off']),
    fallback: () => 'auto',
  }),
  logLevel: setting({
    env: 'SHELFSTREAM_LOG_LEVEL',
    doc: 'minimum level of the JSON logs',
    schema: z.enum(['debug', 'info', 'warn', 'error']),
    fallback: () => 'info',
  }),
} as const;

export type SettingKey = keyof typeof settings;
