import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';

/** Opens `url` in a new page, runs `run` on it, and fails on any error the page logged or threw meanwhile. */
export async function inPage(browser: Browser, url: string, run: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => { errors.push(e.message); });
  try {
    await page.goto(url);
    await run(page);
    assert.deepEqual(errors, [], `console errors on ${url}`);
  } finally {
    await page.close();
  }
}
