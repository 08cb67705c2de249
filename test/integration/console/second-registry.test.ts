import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { startConsoleServer, type ConsoleServer } from '../../../console/server/console-server.ts';
import { launchChromium } from '../../../sources/crawler/launch-chromium.ts';
import { inPage } from '../../support/in-page.ts';
import { prepareConsoleTest } from '../../support/prepare-console-test.ts';
import { repoPath } from '../../support/repo-path.ts';
import { SECOND_REGISTRY_LABEL, startSecondRegistry } from '../../support/second-registry.ts';
import type { RegistryUnderTest } from '../../support/schemas-cli-suite.ts';
import { callRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const base = loadConfig();
const name = uniqueName('it-console-second');
const subject = `${name}.shipments-value`;
// Registered in the project's registry only: the console pointed at the second one must not list it.
const ownSubject = `${name}.own-value`;
const SHOTS = repoPath('test-output/console');

const v1 = { type: 'record', name: 'Shipment', namespace: 'com.example.logistics', fields: [{ name: 'shipment_id', type: 'string', doc: 'carrier reference' }] };
const v2 = { ...v1, fields: [...v1.fields, { name: 'weight_grams', type: ['null', 'long'], default: null, doc: 'parcel weight' }] };

describe(`the console's registry browser against a second registry, ${SECOND_REGISTRY_LABEL}, in Chromium`, () => {
  let registry: RegistryUnderTest;
  let browser: Browser;
  let console: ConsoleServer;

  before(async () => {
    await prepareConsoleTest(SHOTS);
    registry = await startSecondRegistry();
    for (const schema of [v1, v2]) {
      const answer = await callRegistry(registry.url, 'POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    const own = await callRegistry(base.schemaRegistry.url, 'POST', `/subjects/${encodeURIComponent(ownSubject)}/versions`, { schema: JSON.stringify(v1) });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    console = await startConsoleServer(
      loadConfig({ ...process.env, SHELFSTREAM_CONSOLE_PORT: '0', SHELFSTREAM_CONSOLE_HOST: '127.0.0.1', SHELFSTREAM_SCHEMA_REGISTRY_URL: registry.url }),
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await console.close();
    await registry.close();
    await callRegistry(base.schemaRegistry.url, 'DELETE', `/subjects/${encodeURIComponent(ownSubject)}`);
    await callRegistry(base.schemaRegistry.url, 'DELETE', `/subjects/${encodeURIComponent(ownSubject)}?permanent=true`);
  });

  it('lists the second registry\'s subjects, not the project registry\'s', async () => {
    await inPage(browser, `${console.url}/#/subjects?q=${encodeURIComponent(name)}`, async (page) => {
      const row = page.getByTestId('subjects').locator('tr', { hasText: subject });
      await row.waitFor();
      assert.match(await row.innerText(), /com\.example\.logistics\.Shipment/);
      assert.equal(await page.getByTestId('subjects').locator('tr', { hasText: ownSubject }).count(), 0);
      await page.screenshot({ path: `${SHOTS}/second-registry-subjects.png`, fullPage: true });
    });
  });

  it('shows a subject of the second registry: its versions, fields and impact', async () => {
    await inPage(browser, `${console.url}/#/subjects/${encodeURIComponent(subject)}`, async (page) => {
      await page.getByTestId('fields').waitFor();
      assert.equal(await page.getByTestId('versions').locator('li').count(), 2);
      assert.match(await page.getByTestId('fields').locator('tr', { hasText: 'weight_grams' }).innerText(), /parcel weight/);
      await page.getByTestId('references').waitFor();
      const topics = page.getByTestId('impact-topics');
      await topics.waitFor();
      assert.match(await topics.innerText(), new RegExp(`${name}\\.shipments\\s*no such topic`));
      await page.screenshot({ path: `${SHOTS}/second-registry-subject.png`, fullPage: true });
    });
  });

  it('diffs two of its versions', async () => {
    await inPage(browser, `${console.url}/#/subjects/${encodeURIComponent(subject)}/diff?from=1&to=2`, async (page) => {
      const added = page.getByTestId('changes').locator('tr.added');
      await added.waitFor();
      assert.match(await added.innerText(), /weight_grams/);
    });
  });
});
