import { access, constants } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { BrowserUnavailableError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';

/** Debian's chromium: the crawler drives the system browser and never downloads one. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless and quiet: no sandbox (containers run as root without user namespaces), no GPU, and
 * none of Chromium's own traffic (component updates, sync, QUIC probes, first-run pings), so the
 * only requests leaving the browser are the pages the crawler asks for.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
] as const;

/** Starts one headless Chromium; throws BrowserUnavailableError when it is missing or does not start. */
export async function launchChromium(executablePath: string = DEFAULT_CHROMIUM_PATH): Promise<Browser> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new BrowserUnavailableError(executablePath, 'no such executable');
  }
  try {
    // Loaded on first launch: Playwright takes most of a second to import, which every CLI command paid.
    const { chromium } = await import('playwright-core');
    // Playwright's own signal handlers would kill the browser and exit with 130 on Ctrl-C; callers stop their crawl and close it.
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      chromiumSandbox: false,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    throw new BrowserUnavailableError(executablePath, describeCause(cause).split('\n')[0] ?? 'launch failed', { cause });
  }
}

/**
 * A fresh context (its own cookies and cache): service workers blocked, since page.route does
 * not see their requests, and no downloads.
 */
export function openCrawlContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ serviceWorkers: 'block', acceptDownloads: false, locale: 'en-US' });
}
