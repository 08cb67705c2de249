import { deleteTopic, startTestRegistry } from '../../support/test-registry.ts';
import { describeSchemasCli } from '../../support/schemas-cli-suite.ts';
import { uniqueName } from '../../support/unique-name.ts';

describeSchemasCli('our registry', async () => {
  const topic = uniqueName('_schemas');
  const server = await startTestRegistry(topic);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await deleteTopic(topic);
    },
  };
});
