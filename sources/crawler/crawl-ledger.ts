/**
 * What one crawler knows of each job's URLs: the ones finished (from the crawl-state topic, so
 * the knowledge survives restarts) and the ones it put in the frontier itself since it started.
 * A finished URL is never fetched again in its job; a queued one is not queued twice, which
 * keeps pages that many pages link to from flooding the frontier.
 */
export class CrawlLedger {
  readonly #finished = new Set<string>();
  readonly #queued = new Set<string>();

  isFinished(job: string, url: string): boolean {
    return this.#finished.has(entry(job, url));
  }

  /** Finished, or queued by this crawler: a link to it needs no new request. */
  isKnown(job: string, url: string): boolean {
    const key = entry(job, url);
    return this.#finished.has(key) || this.#queued.has(key);
  }

  markFinished(job: string, url: string): void {
    const key = entry(job, url);
    this.#finished.add(key);
    this.#queued.delete(key);
  }

  /** Forgets a finished URL: a tombstone in the state topic, which lets a job crawl it again. */
  forget(job: string, url: string): void {
    this.#finished.delete(entry(job, url));
  }

  /** Records the URL as queued; false when it was already known, so the caller does not queue it again. */
  markQueued(job: string, url: string): boolean {
    if (this.isKnown(job, url)) return false;
    this.#queued.add(entry(job, url));
    return true;
  }

  get finishedCount(): number {
    return this.#finished.size;
  }
}

/** Job ids cannot hold "|" (see JOB_ID), so the pair is unambiguous. */
function entry(job: string, url: string): string {
  return `${job}|${url}`;
}
