import { parseArgs } from 'node:util';
import { flagOf, loadConfig, settings, type Flags } from '../../config/index.ts';
import { ShelfstreamError } from '../../errors/index.ts';
import { kafkaConnection } from '../../infra/kafka/kafka-connection.ts';
import { RegistryServer } from './registry-server.ts';

/** Every setting's flag (`--schema-registry-port`, `--kafka-brokers`...), each taking a value. */
function flags(): Flags {
  const options = Object.fromEntries(Object.values(settings).map((row) => [flagOf(row.env), { type: 'string' as const }]));
  const { values } = parseArgs({ args: process.argv.slice(2), options });
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * `tsx schemas/registry/registry-main.ts [--schema-registry-port 8081 ...]`: the Schema Registry as
 * a process, configured by flags and environment (the `schemaRegistry.server` and Kafka settings
 * of config/settings.ts), stopped cleanly by SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, flags());
  const { server: own } = config.schemaRegistry;
  const server = await RegistryServer.start({
    host: own.host,
    port: own.port,
    basicAuth: own.basicAuth,
    readOnly: own.readOnly,
    log: { topic: own.topic, connection: kafkaConnection(config), replicationFactor: own.topicReplicationFactor, timeoutMs: 30_000 },
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
