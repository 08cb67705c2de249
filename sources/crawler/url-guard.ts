import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { PageFetchError, UrlRefusedError } from '../../errors/index.ts';
import { crawlUrl } from './crawl-url.ts';

/** Every address a host name resolves to, as `dns.lookup` answers (IPv4 and IPv6). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

const resolveWithDns: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * True for globally routable unicast addresses only. ipaddr.js names every special range
 * (private, loopback, link-local, unique-local, carrier-grade NAT, multicast, reserved,
 * documentation, 6to4 and NAT64 that can wrap a private IPv4...); anything not plain `unicast`
 * is refused. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export interface UrlGuardOptions {
  /** Allow private and loopback addresses: tests on a fixture storefront, or a crawl of an intranet on purpose. */
  readonly allowPrivate: boolean;
  readonly resolve?: ResolveHost;
}

/**
 * Decides whether the crawler may request a URL: http(s) only, and, unless allowed, only hosts
 * whose every address is public, checked by resolving the name as the request is about to be
 * made (each redirect hop and robots.txt too), so a page or a DNS answer cannot point the
 * crawler at internal services.
 */
export class UrlGuard {
  readonly allowPrivate: boolean;
  readonly #resolve: ResolveHost;

  constructor(options: UrlGuardOptions) {
    this.allowPrivate = options.allowPrivate;
    this.#resolve = options.resolve ?? resolveWithDns;
  }

  /** The URL normalized; throws UrlRefusedError when refused, PageFetchError (retriable) when its host does not resolve. */
  async check(text: string): Promise<string> {
    const url = crawlUrl(text);
    if (this.allowPrivate) return url;
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: readonly string[];
    try {
      addresses = ipaddr.isValid(host) ? [host] : await this.#resolve(host);
    } catch (cause) {
      throw new PageFetchError(url, `cannot resolve ${host}`, { cause });
    }
    const blocked = addresses.filter((a) => !isPublicAddress(a));
    if (addresses.length === 0 || blocked.length > 0) {
      const shown = blocked.length > 0 ? blocked.join(', ') : 'no address';
      throw new UrlRefusedError(url, 'private-address', `${host} resolves to ${shown}, not a public address (SHELFSTREAM_CRAWL_ALLOW_PRIVATE allows it)`);
    }
    return url;
  }
}
