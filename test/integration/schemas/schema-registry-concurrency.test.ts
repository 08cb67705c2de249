import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RegistryServer } from '../../../schemas/registry/registry-server.ts';
import { eventually } from '../../support/read-topic.ts';
import { callRegistry, deleteTopic, dumpRegistry, startTestRegistry } from '../../support/test-registry.ts';
import { uniqueName } from '../../support/unique-name.ts';

const schemaNumber = (n: number): string =>
  JSON.stringify({ type: 'record', name: `Event${n}`, fields: [{ name: `f${n}`, type: 'string' }] });

interface Registration {
  readonly instance: number;
  readonly subject: string;
  readonly schema: string;
  readonly id: number;
}

describe('two Schema Registry instances on one topic, registering concurrently', () => {
  const topic = uniqueName('_schemas');
  let registries: RegistryServer[] = [];
  const all: Registration[] = [];

  before(async () => {
    registries = [await startTestRegistry(topic), await startTestRegistry(topic)];
    // Schemas of one subject need not evolve from each other here: only ids and versions are under test.
    assert.equal((await callRegistry(registries[0]?.url ?? '', 'PUT', '/config', { compatibility: 'NONE' })).status, 200);
  });

  after(async () => {
    for (const registry of registries) await registry.close();
    await deleteTopic(topic);
  });

  /** `count` registrations of `distinct` schemas (each twice or more), alternating instances, all at once. */
  async function burst(first: number, distinct: number, count: number, subjects: number): Promise<Registration[]> {
    const plans = Array.from({ length: count }, (_, i) => ({
      instance: i % 2,
      subject: `subject-${i % subjects}`,
      schema: schemaNumber(first + (i % distinct)),
    }));
    const registrations = await Promise.all(
      plans.map(async (plan) => {
        const registry = registries[plan.instance];
        assert.ok(registry);
        const response = await callRegistry(registry.url, 'POST', `/subjects/${plan.subject}/versions`, { schema: plan.schema });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        return { ...plan, id: (response.body as { id: number }).id };
      }),
    );
    all.push(...registrations);
    return registrations;
  }

  function assertOneIdPerSchema(registrations: readonly Registration[], expectedIds: number[]): void {
    const idsOfSchema = new Map<string, Set<number>>();
    for (const r of registrations) idsOfSchema.set(r.schema, (idsOfSchema.get(r.schema) ?? new Set()).add(r.id));
    for (const [schema, ids] of idsOfSchema) assert.equal(ids.size, 1, `${schema} got ids ${[...ids].join(', ')}`);
    const ids = [...idsOfSchema.values()].map((s) => [...s][0] ?? 0);
    assert.deepEqual([...ids].sort((a, b) => a - b), expectedIds, 'distinct schemas have distinct ids, without gaps');
  }

  /** Both instances serve the same versions, each the one its registrations were answered with. */
  async function assertInstancesAgree(): Promise<void> {
    const [a, b] = registries;
    assert.ok(a && b);
    const dumps = await eventually(
      () => Promise.all([dumpRegistry(a.url), dumpRegistry(b.url)]),
      ([fromA, fromB]) => JSON.stringify(fromA) === JSON.stringify(fromB),
      60_000,
    );
    assert.deepEqual(dumps[0], dumps[1]);
    const versions = dumps[0].versions as Record<string, { version: number; id: number; schema: string }[]>;
    for (const [subject, list] of Object.entries(versions)) {
      assert.deepEqual(list.map((v) => v.version), list.map((_, i) => i + 1), `${subject} has versions without gaps`);
      assert.equal(new Set(list.map((v) => v.schema)).size, list.length, `${subject} holds each schema once`);
      for (const v of list) {
        const registered = all.filter((r) => r.subject === subject && r.schema === v.schema);
        assert.ok(registered.length > 0 && registered.every((r) => r.id === v.id), `${subject} v${v.version}`);
      }
    }
  }

  it('20 registrations of 10 schemas: one id per schema, no id for two schemas', async () => {
    const registrations = await burst(0, 10, 20, 3);
    assertOneIdPerSchema(registrations, Array.from({ length: 10 }, (_, i) => i + 1));
    await assertInstancesAgree();
  });

  it('a heavier burst of 60 registrations of 30 new schemas keeps every guarantee', async (t) => {
    const registrations = await burst(100, 30, 60, 5);
    assertOneIdPerSchema(registrations, Array.from({ length: 30 }, (_, i) => i + 11));
    assertOneIdPerSchema(all, Array.from({ length: 40 }, (_, i) => i + 1));
    await assertInstancesAgree();
    t.diagnostic(`claims that lost a race and were retried: ${registries.map((r) => r.store.state.ignoredClaims).join(' + ')}`);
  });
});
