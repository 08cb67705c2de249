import { Argument, Command, Option } from 'commander';
import { PortUnavailableError } from '../../errors/index.ts';
import { createKafkaDriver } from '../../infra/kafka/create-kafka-driver.ts';
import { createLogger } from '../../infra/logger.ts';
import { startMetricsServer } from '../../runtime/metrics/metrics-server.ts';
import { TopologyRunner } from '../../runtime/topology-runner.ts';
import { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { createSchemaRegistryClient } from '../../schemas/serde/create-schema-registry-client.ts';
import { topologyCatalog, type TopologyParameters } from '../../topology/topology-catalog.ts';
import { configFrom } from '../global-options.ts';
import { port } from './fixtures-command.ts';
import { positiveInt } from './replay-command.ts';

interface TopologyFlags {
  applicationId?: string;
  inputTopic?: string;
  outputTopic?: string;
  partitions: number;
  json?: boolean;
  metricsPort: number;
}

const nameArgument = () => new Argument('<name>', 'topology name').choices(Object.keys(topologyCatalog));

function withTopologyOptions(command: Command): Command {
  return command
    .option('--application-id <id>', 'consumer group and prefix of internal topics')
    .option('--input-topic <topic>', 'source topic')
    .option('--output-topic <topic>', 'result topic')
    .option('--partitions <n>', 'partitions of the source topic', positiveInt, 3);
}

function build(name: string, flags: TopologyFlags, serde: AvroSerde) {
  const factory = topologyCatalog[name];
  if (factory === undefined) throw new Error(`unknown topology ${name}`);
  const params: TopologyParameters = {
    partitions: flags.partitions,
    serde,
    ...(flags.applicationId === undefined ? {} : { applicationId: flags.applicationId }),
    ...(flags.inputTopic === undefined ? {} : { inputTopic: flags.inputTopic }),
    ...(flags.outputTopic === undefined ? {} : { outputTopic: flags.outputTopic }),
  };
  return factory(params);
}

export function topologyCommand(): Command {
  const describe = withTopologyOptions(new Command('describe'))
    .description('print a topology: sub-topologies, steps, stores and topics (--json for the graph)')
    .addArgument(nameArgument())
    .option('--json', 'nodes, edges, topics and stores as JSON')
    .action((name: string, flags: TopologyFlags, command: Command) => {
      const topology = build(name, flags, new AvroSerde(createSchemaRegistryClient(configFrom(command))));
      console.log(flags.json === true ? JSON.stringify(topology.describe(), null, 2) : topology.describeText());
    });

  const run = withTopologyOptions(new Command('run'))
    .description('run a topology as a member of its consumer group until SIGTERM or SIGINT')
    .addArgument(nameArgument())
    .addOption(new Option('--metrics-port <port>', 'Prometheus /metrics and /topology on this port (0: any free port)').argParser(port).default(9464))
    .action(async (name: string, flags: TopologyFlags, command: Command) => {
      const config = configFrom(command);
      const log = createLogger(config, `topology:${name}`);
      const topology = build(name, flags, new AvroSerde(createSchemaRegistryClient(config)));
      let failed: Error | undefined;
      const fail = (error: unknown) => {
        failed = error instanceof Error ? error : new Error(String(error));
      };
      const stopped = new Promise<void>((resolve) => {
        const runner = new TopologyRunner({
          topology,
          driver: createKafkaDriver(config),
          processingGuarantee: config.kafka.processingGuarantee,
          commitIntervalMs: config.kafka.commitIntervalMs,
          onFatal: (error) => {
            fail(error);
            log.error({ err: error }, 'consumer stopped on an error');
            resolve();
          },
        });
        const stop = (signal: string) => {
          log.info({ signal }, 'stopping: draining the batch in hand, committing, leaving the group');
          void runner.stop().then(resolve, (error: unknown) => {
            fail(error);
            resolve();
          });
        };
        process.once('SIGTERM', () => { stop('SIGTERM'); });
        process.once('SIGINT', () => { stop('SIGINT'); });
        void (async () => {
          const metrics = await startMetricsServer(runner.metrics.registry, flags.metricsPort, '127.0.0.1', () => topology.describe())
            .catch((error: unknown) => { throw PortUnavailableError.of('--metrics-port', error); });
          await runner.start();
          log.info({ applicationId: topology.applicationId, driver: config.kafka.driver, metrics: `${metrics.url}/metrics` }, 'running');
        })().catch((error: unknown) => {
          fail(error);
          resolve();
        });
      });
      await stopped;
      if (failed !== undefined) throw failed;
    });

  return new Command('topology').description('describe or run a stream-processing topology').addCommand(describe).addCommand(run);
}
