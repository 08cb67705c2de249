import { createRequire } from 'node:module';
import { PageFetchError, UrlRefusedError } from '../../errors/index.ts';
import { describeCause } from '../../infra/describe-cause.ts';
import { followRedirects } from './follow-redirects.ts';
import type { UrlGuard } from './url-guard.ts';

/** A robots.txt as fetched: its status and text. */
export interface RobotsFile {
  readonly status: number;
  readonly body: string;
}

/** Fetches `<origin>/robots.txt`; throws PageFetchError when the host cannot be reached. */
export type FetchRobots = (robotsUrl: string) => Promise<RobotsFile>;

/** What a host's robots.txt says to this crawler. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** The Crawl-delay for this crawler, in ms; undefined when the file sets none. */
  readonly crawlDelayMs: number | undefined;
}

export interface RobotsPolicyOptions {
  /** Product token matched against User-agent lines. */
  readonly agent: string;
  readonly fetchRobots: FetchRobots;
  /** How long a host's rules are kept before robots.txt is fetched again. */
  readonly ttlMs?: number;
}

// robots-parser is CommonJS (`module.exports = fn`) while its typings declare an ES default export; require gives the function either way.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: undefined };

/**
 * robots.txt per origin, parsed by robots-parser and cached, read as RFC 9309 says: a file
 * that is not there (4xx, too many redirects) allows everything; a host that does not answer or
 * answers 5xx disallows everything for now, so the request is retried later rather than
 * crawled or given up.
 */
export class RobotsPolicy {
  readonly #agent: string;
  readonly #fetch: FetchRobots;
  readonly #ttlMs: number;
  readonly #byOrigin = new Map<string, { readonly rules: Promise<RobotsRules>; readonly until: number }>();

  constructor(options: RobotsPolicyOptions) {
    this.#agent = options.agent;
    this.#fetch = options.fetchRobots;
    this.#ttlMs = options.ttlMs ?? 3_600_000;
  }

  /** The rules of the URL's origin; throws PageFetchError (retriable) while robots.txt cannot be read. */
  rulesFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    const cached = this.#byOrigin.get(origin);
    if (cached !== undefined && cached.until > Date.now()) return cached.rules;
    const rules = this.#load(origin);
    this.#byOrigin.set(origin, { rules, until: Date.now() + this.#ttlMs });
    // A failure is not kept: the next request asks the host again.
    rules.catch(() => {
      if (this.#byOrigin.get(origin)?.rules === rules) this.#byOrigin.delete(origin);
    });
    return rules;
  }

  async #load(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    const file = await this.#fetch(robotsUrl);
    if (file.status >= 500) throw new PageFetchError(robotsUrl, `robots.txt answered ${file.status}; the host is not crawled until it answers`);
    if (file.status < 200 || file.status >= 300) return ALLOW_ALL;
    const robot = robotsParser(robotsUrl, file.body);
    const delay = robot.getCrawlDelay(this.#agent);
    return {
      isAllowed: (url) => robot.isAllowed(url, this.#agent) !== false,
      crawlDelayMs: delay === undefined ? undefined : delay * 1000,
    };
  }
}

/**
 * robots.txt over HTTP with Node's fetch, redirects followed through the guard (at most five,
 * as RFC 9309 asks; more, or a hop the guard refuses, count as no file).
 */
export function httpRobotsFetcher(guard: UrlGuard, timeoutMs: number, userAgent: string): FetchRobots {
  return async (robotsUrl) => {
    try {
      const { response } = await followRedirects(robotsUrl, guard, async (url) => {
        const answer = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': userAgent } });
        return { status: answer.status, location: answer.headers.get('location'), body: await answer.text() };
      });
      return response;
    } catch (error) {
      if (error instanceof UrlRefusedError) return { status: 404, body: '' };
      throw new PageFetchError(robotsUrl, describeCause(error), { cause: error });
    }
  };
}
