import { parseArgs } from 'node:util';
import { flagOf, loadConfig, settings as appSettings, type Flags } from '../../config/index.ts';
import { ShelfstreamError } from '../../errors/index.ts';
import { kafkaConnection } from '../../infra/kafka/kafka-connection.ts';
import { RegistryServer } from './registry-server.ts';
import { loadRegistrySettings, REGISTRY_SETTING_VARIABLES } from './registry-settings.ts';

/** Every setting's flag (`--schema-registry-port`, `--kafka-brokers`...), each taking a value. */
function flags(): Flags {
  const variables = [...Object.values(appSettings).map((row) => row.env), ...REGISTRY_SETTING_VARIABLES];
  const options = Object.fromEntries(variables.map((env) => [flagOf(env), { type: 'string' as const }]));
  const { values } = parseArgs({ args: process.argv.slice(2), options });
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * `tsx schemas/registry/registry-main.ts [--schema-registry-port 8081 ...]`: the Schema Registry as
 * a process, configured by flags and environment (registry-settings.ts for the server, the
 * application's settings for Kafka), stopped cleanly by SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const given = flags();
  const config = loadConfig(process.env, given);
  const settings = loadRegistrySettings(process.env, given);
  const server = await RegistryServer.start({
    host: settings.host,
    port: settings.port,
    basicAuth: settings.basicAuth,
    readOnly: settings.readOnly,
    log: { topic: settings.topic, connection: kafkaConnection(config), replicationFactor: settings.topicReplicationFactor, timeoutMs: 30_000 },
    logger: { level: config.logLevel },
  });
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Configuration and command-line mistakes are told plainly; anything else with its stack. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const usage = error instanceof ShelfstreamError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  return usage ? error.message : (error.stack ?? error.message);
}

main().catch((error: unknown) => {
  const message = describe(error);
  process.stderr.write(`schema registry failed to start: ${message}\n`);
  process.exit(1);
});
