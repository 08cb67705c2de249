import { z } from 'zod';
import { flagOf, Secret, type Environment, type Flags, type Setting } from '../../config/index.ts';
import { setting } from '../../config/setting.ts';
import { ConfigError, type SettingProblem } from '../../errors/index.ts';

export interface BasicAuthCredentials {
  readonly user: string;
  readonly password: Secret;
}

/** How the registry server runs; Kafka itself comes from the application's configuration. */
export interface RegistrySettings {
  readonly host: string;
  readonly port: number;
  readonly topic: string;
  readonly topicReplicationFactor: number;
  readonly basicAuth: BasicAuthCredentials | undefined;
  readonly readOnly: boolean;
}

const credentials = z
  .string()
  .refine((s) => s === '' || /^[^:]+:.+$/.test(s), 'expected user:password')
  .transform((s): BasicAuthCredentials | undefined => {
    if (s === '') return undefined;
    const colon = s.indexOf(':');
    return { user: s.slice(0, colon), password: new Secret(s.slice(colon + 1)) };
  });

/** The registry server's settings, in the style of config/settings.ts. */
const rows = {
  host: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_HOST',
    doc: 'interface the schema registry listens on',
    schema: z.string().min(1, 'must not be empty'),
    fallback: (e) => e.SHELFSTREAM_HOST ?? '127.0.0.1',
  }),
  port: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_PORT',
    doc: 'port the schema registry listens on (0: any free port)',
    schema: z.string().regex(/^\d{1,5}$/, 'expected a port number').transform(Number).pipe(z.number().int().max(65_535)),
    fallback: () => '8081',
  }),
  topic: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_TOPIC',
    doc: 'compacted Kafka topic holding every schema, version and setting',
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, 'expected a Kafka topic name'),
    fallback: () => '_schemas',
  }),
  topicReplicationFactor: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_TOPIC_REPLICATION_FACTOR',
    doc: 'replicas of the schema topic when the registry creates it (1 for a single-broker stack)',
    schema: z.string().regex(/^\d+$/, 'expected a positive integer').transform(Number).pipe(z.number().int().positive()),
    fallback: () => '1',
  }),
  basicAuth: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH',
    doc: 'user:password that every request must present with HTTP basic auth (empty: no auth)',
    schema: credentials,
    fallback: () => '',
    secret: true,
  }),
  readOnly: setting({
    env: 'SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY',
    doc: 'true: serve reads only and refuse every change (42205)',
    schema: z.enum(['true', 'false']).transform((s) => s === 'true'),
    fallback: () => 'false',
  }),
} as const;

/** The environment variables of the registry's own settings, for its command line. */
export const REGISTRY_SETTING_VARIABLES: readonly string[] = Object.values(rows).map((row) => row.env);

type Values = { [K in keyof typeof rows]: (typeof rows)[K] extends Setting<infer T> ? T : never };

/** Flag over environment over default, every bad setting reported at once, as loadConfig does. */
export function loadRegistrySettings(env: Environment = process.env, flags: Flags = {}): RegistrySettings {
  const problems: SettingProblem[] = [];
  const values: Partial<Record<keyof typeof rows, unknown>> = {};
  for (const [key, row] of Object.entries(rows) as [keyof typeof rows, Setting<unknown>][]) {
    const raw = flags[flagOf(row.env)] ?? env[row.env] ?? row.fallback(env);
    const parsed = row.schema.safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      const shown = row.secret === true ? '(hidden)' : JSON.stringify(raw);
      problems.push({
        env: row.env,
        flag: `--${flagOf(row.env)}`,
        message: `${parsed.error.issues.map((i) => i.message).join('; ')}, got ${shown}`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as Values;
}
