import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { settings } from '../../../config/index.ts';
import { repoPath } from '../../support/repo-path.ts';

interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string | number>;
}
const compose = parse(readFileSync(repoPath('docker/docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const app = services.app;
const launcher = readFileSync(repoPath('docker/local-stack'), 'utf8');
const common = readFileSync(repoPath('docker/lib/common.sh'), 'utf8');

/** `${NAME:-default}` → ['NAME', 'default']. */
const variable = (text: string): [string, string] | undefined => {
  const m = /^\$\{([A-Z_]+):-([^}]*)\}$/.exec(text);
  return m ? [m[1] ?? '', m[2] ?? ''] : undefined;
};

/** Container ports a service listens on: its published ports plus Kafka's container-only listener. */
function containerPorts(service: ComposeService): Set<string> {
  const ports = new Set((service.ports ?? []).map((p) => p.split(':').at(-1) ?? ''));
  const listeners = String(service.environment?.KAFKA_LISTENERS ?? '');
  for (const m of listeners.matchAll(/:\/\/[^:]*:(\d+)/g)) ports.add(m[1] ?? '');
  return ports;
}

describe('docker/docker-compose.yml', () => {
  it('declares every service the native launcher starts', () => {
    const declared = /^SERVICES=\(([^)]*)\)/m.exec(launcher)?.[1]?.trim().split(/\s+/) ?? [];
    assert.ok(declared.length >= 4);
    for (const name of declared) assert.ok(services[name], `compose lacks service ${name}`);
  });

  it('gives the app every setting that locates a service, pointing at a declared service and port', () => {
    assert.ok(app?.environment);
    const env = app.environment;
    const located = Object.values(settings).filter((s) => /_(URL|BROKERS|ENDPOINT)$/.test(s.env));
    assert.ok(located.length >= 5);
    for (const { env: name } of located) {
      const value = env[name];
      assert.ok(typeof value === 'string', `app.environment lacks ${name}`);
      for (const address of value.split(',')) {
        const url = new URL(address.includes('://') ? address : `kafka://${address}`);
        const target = services[url.hostname];
        assert.ok(target, `${name} points at ${url.hostname}, which is not a compose service`);
        assert.ok(containerPorts(target).has(url.port), `${name}: ${url.hostname} does not listen on ${url.port}`);
      }
    }
  });

  it('sets no app variable the configuration does not know', () => {
    const known = new Set(Object.values(settings).map((s) => s.env));
    for (const name of Object.keys(app?.environment ?? {})) assert.ok(known.has(name), `unknown setting ${name} in app.environment`);
  });

  it('publishes each service on the host port, and by the variable, that the native launcher uses', () => {
    const defaults = new Map([...common.matchAll(/(SHELFSTREAM_[A-Z_]+_PORT)="\$\{\1:-(\d+)\}"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
    // The controller port is internal to the single Kafka node; compose does not publish it.
    defaults.delete('SHELFSTREAM_KAFKA_CONTROLLER_PORT');
    assert.ok(defaults.size >= 5, 'port defaults not found in docker/lib/common.sh');
    const published = new Map<string, string>();
    for (const service of Object.values(services)) {
      for (const port of service.ports ?? []) {
        const hostSide = variable(port.slice(0, port.lastIndexOf(':')));
        if (hostSide) published.set(hostSide[0], hostSide[1]);
      }
    }
    for (const [name, port] of defaults) assert.equal(published.get(name), port, `${name} should publish ${port}`);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      assert.match(service.image ?? '', /^[\w./-]+:[\w.-]+$/, `${name} image`);
      assert.doesNotMatch(service.image ?? '', /:latest$/, `${name} image`);
    }
  });
});
