import { describeSchemasCli } from '../../support/schemas-cli-suite.ts';
import { SECOND_REGISTRY_DEVIATIONS, SECOND_REGISTRY_LABEL, startSecondRegistry } from '../../support/second-registry.ts';

// The same suite as against our registry, against an independent implementation of Confluent's API.
describeSchemasCli(SECOND_REGISTRY_LABEL, startSecondRegistry, SECOND_REGISTRY_DEVIATIONS);
