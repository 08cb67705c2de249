import { ConfigError, type SettingProblem } from '../errors/index.ts';
import type { BasicAuthCredentials } from './basic-auth-credentials.ts';
import type { Secret } from './secret.ts';
import { flagOf, type Environment, type Setting } from './setting.ts';
import { settings, type SettingKey } from './settings.ts';

/** The one configuration object of a process: built at the edge, validated, then frozen. */
export interface ShelfstreamConfig {
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly driver: 'kafkajs' | 'rdkafka';
    readonly clientId: string;
    readonly sessionTimeoutMs: number;
    readonly fetchMaxBytes: number;
    readonly fetchMaxBytesPerPartition: number;
    readonly processingGuarantee: 'exactly-once' | 'at-least-once';
    readonly commitIntervalMs: number;
  };
  readonly schemaRegistry: {
    /** Where clients reach a registry (ours or Confluent's). */
    readonly url: string;
    /** How our own registry server runs (schemas/registry/registry-main.ts). */
    readonly server: {
      readonly host: string;
      readonly port: number;
      readonly topic: string;
      readonly topicReplicationFactor: number;
      readonly basicAuth: BasicAuthCredentials | undefined;
      readonly readOnly: boolean;
    };
  };
  readonly s3: {
    readonly endpoint: string;
    readonly accessKey: string;
    readonly secretKey: Secret;
    readonly region: string;
    readonly rawBucket: string;
  };
  readonly clickhouse: {
    readonly url: string;
    readonly user: string;
    readonly password: Secret;
    readonly database: string;
    readonly flush: { readonly intervalMs: number; readonly bytes: number };
  };
  readonly iceberg: {
    readonly catalogUrl: string;
    readonly warehouse: string;
    readonly flush: { readonly intervalMs: number; readonly bytes: number };
    /** Scheduled compaction beside the main job; intervalMs 0: off. */
    readonly compact: { readonly intervalMs: number; readonly minFiles: number };
  };
  readonly marketplaceApi: { readonly url: string; readonly apiKey: Secret };
  readonly crawler: { readonly allowPrivateAddresses: boolean };
  readonly console: {
    readonly host: string;
    readonly port: number;
    readonly basicAuth: BasicAuthCredentials | undefined;
    readonly token: Secret;
    readonly readOnly: boolean;
    readonly topologyUrls: readonly string[];
    /** The pipeline's grace after a window's end, for the dashboards' open / in grace / final marks. */
    readonly windowGraceMs: number;
  };
  readonly connectTimeoutMs: number;
  readonly localStack: 'auto' | 'off';
  readonly stackDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

type Values = { [K in SettingKey]: (typeof settings)[K] extends Setting<infer T> ? T : never };

/** Flags given on the command line, keyed by long flag name without dashes (`kafka-brokers`). */
export type Flags = Readonly<Record<string, string | undefined>>;

/**
 * Precedence: command-line flag, then environment variable, then default.
 * Every bad setting is reported at once, each named by its variable and flag.
 */
export function loadConfig(env: Environment = process.env, flags: Flags = {}): ShelfstreamConfig {
  const problems: SettingProblem[] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, row] of Object.entries(settings) as [SettingKey, Setting<unknown>][]) {
    const flag = flagOf(row.env);
    const raw = flags[flag] ?? env[row.env] ?? row.fallback(env);
    const parsed = row.schema.safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const shown = row.secret === true ? '(hidden)' : JSON.stringify(raw);
      const reason = parsed.error.issues.map((i) => i.message).join('; ');
      problems.push({ env: row.env, flag: `--${flag}`, message: `${reason}, got ${shown}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const v = values as Values;
  return deepFreeze({
    kafka: { brokers: v.kafkaBrokers, driver: v.kafkaDriver, clientId: v.kafkaClientId, sessionTimeoutMs: v.kafkaSessionTimeoutMs,
      fetchMaxBytes: v.kafkaFetchMaxBytes,
      fetchMaxBytesPerPartition: v.kafkaFetchMaxBytesPerPartition,
      processingGuarantee: v.processingGuarantee,
      commitIntervalMs: v.commitIntervalMs },
    schemaRegistry: {
      url: v.schemaRegistryUrl,
      server: {
        host: v.schemaRegistryHost,
        port: v.schemaRegistryPort,
        topic: v.schemaRegistryTopic,
        topicReplicationFactor: v.schemaRegistryTopicReplicationFactor,
        basicAuth: v.schemaRegistryBasicAuth,
        readOnly: v.schemaRegistryReadOnly,
      },
    },
    s3: {
      endpoint: v.s3Endpoint,
      accessKey: v.s3AccessKey,
      secretKey: v.s3SecretKey,
      region: v.s3Region,
      rawBucket: v.rawBucket,
    },
    clickhouse: {
      url: v.clickhouseUrl,
      user: v.clickhouseUser,
      password: v.clickhousePassword,
      database: v.clickhouseDatabase,
      flush: { intervalMs: v.clickhouseFlushIntervalMs, bytes: v.clickhouseFlushBytes },
    },
    iceberg: {
      catalogUrl: v.icebergCatalogUrl,
      warehouse: v.icebergWarehouse,
      flush: { intervalMs: v.icebergFlushIntervalMs, bytes: v.icebergFlushBytes },
      compact: { intervalMs: v.icebergCompactIntervalMs, minFiles: v.icebergCompactMinFiles },
    },
    marketplaceApi: { url: v.marketplaceApiUrl, apiKey: v.marketplaceApiKey },
    crawler: { allowPrivateAddresses: v.crawlAllowPrivate },
    console: { host: v.consoleHost, port: v.consolePort, basicAuth: v.consoleBasicAuth, token: v.consoleToken, readOnly: v.consoleReadOnly, topologyUrls: v.consoleTopologyUrls, windowGraceMs: v.consoleWindowGraceMs },
    connectTimeoutMs: v.connectTimeoutMs,
    localStack: v.localStack,
    stackDir: v.stackDir,
    logLevel: v.logLevel,
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
