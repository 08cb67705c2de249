import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Dashboard } from '../../../console/server/dashboard-routes.ts';

/** The page shows the panels its dashboard declares, which the Impact panel lists, and no other. */
export async function assertShownPanels(page: Page, dashboard: Dashboard<string>): Promise<void> {
  const shown = await Promise.all((await page.locator('[data-panel]').all()).map(async (element) => element.getAttribute('data-panel')));
  assert.deepEqual([...new Set(shown)].sort(), dashboard.panels.map((p) => p.id).sort(), dashboard.page);
}
