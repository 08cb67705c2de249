import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageFetchError, UrlRefusedError } from '../../../../errors/index.ts';
import { isPublicAddress, UrlGuard, type ResolveHost } from '../../../../sources/crawler/url-guard.ts';

/** A resolver answering from a table, as DNS would; unknown names fail like ENOTFOUND. */
function table(entries: Record<string, readonly string[]>): ResolveHost {
  return (host) => {
    const found = entries[host];
    return found === undefined ? Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })) : Promise.resolve(found);
  };
}

const dns = table({
  'shop.example': ['93.184.215.14'],
  'v6.example': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'intranet.example': ['10.1.2.3'],
  'rebind.example': ['93.184.215.14', '127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'none.example': [],
});

async function refusal(guard: UrlGuard, url: string): Promise<UrlRefusedError> {
  const error = await guard.check(url).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof UrlRefusedError, `${url} should be refused, got ${String(error)}`);
  return error;
}

describe('isPublicAddress', () => {
  it('accepts public unicast IPv4 and IPv6', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '2a00:1450:4001:82a::200e']) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });

  it('refuses loopback, private, link-local, CGNAT, unspecified, multicast, reserved and IPv6 local ranges', () => {
    const special = [
      '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '0.0.0.0', '224.0.0.1', '255.255.255.255', '240.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    ];
    for (const address of special) assert.equal(isPublicAddress(address), false, address);
  });

  it('judges IPv4-mapped IPv6 and NAT64 as the IPv4 inside, or refuses them', () => {
    assert.equal(isPublicAddress('::ffff:10.0.0.1'), false);
    assert.equal(isPublicAddress('::ffff:127.0.0.1'), false);
    assert.equal(isPublicAddress('::ffff:93.184.215.14'), true);
    assert.equal(isPublicAddress('64:ff9b::a00:1'), false);
  });

  it('refuses what is not an address', () => {
    assert.equal(isPublicAddress('not-an-ip'), false);
  });
});

describe('UrlGuard', () => {
  const guard = new UrlGuard({ allowPrivate: false, resolve: dns });

  it('allows hosts whose every address is public, and answers the URL normalized', async () => {
    assert.equal(await guard.check('https://SHOP.example:443/dp/B000000001#reviews'), 'https://shop.example/dp/B000000001');
    assert.equal(await guard.check('http://v6.example/x'), 'http://v6.example/x');
    assert.equal(await guard.check('http://93.184.215.14/x'), 'http://93.184.215.14/x');
  });

  it('refuses hosts resolving to a private or loopback address, even one among public ones', async () => {
    assert.equal((await refusal(guard, 'http://intranet.example/')).reason, 'private-address');
    assert.equal((await refusal(guard, 'http://rebind.example/')).reason, 'private-address');
    assert.equal((await refusal(guard, 'http://localhost:8080/')).reason, 'private-address');
    assert.equal((await refusal(guard, 'http://none.example/')).reason, 'private-address');
  });

  it('refuses address literals in every spelling the URL parser accepts', async () => {
    for (const url of ['http://127.0.0.1/', 'http://[::1]/', 'http://[::ffff:10.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://169.254.169.254/latest/meta-data']) {
      assert.equal((await refusal(guard, url)).reason, 'private-address', url);
    }
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://shop.example/', 'javascript:alert(1)', 'not a url']) {
      assert.equal((await refusal(guard, url)).reason, 'scheme', url);
    }
  });

  it('reports a name that does not resolve as a fetch failure, which is retried', async () => {
    await assert.rejects(guard.check('http://gone.example/'), PageFetchError);
  });

  it('allows private addresses when told to, still only over http(s)', async () => {
    const open = new UrlGuard({ allowPrivate: true, resolve: dns });
    assert.equal(await open.check('http://127.0.0.1:8080/dp/X'), 'http://127.0.0.1:8080/dp/X');
    assert.equal(await open.check('http://intranet.example/'), 'http://intranet.example/');
    assert.equal((await refusal(open, 'file:///etc/passwd')).reason, 'scheme');
  });
});
