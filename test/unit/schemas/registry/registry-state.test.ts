import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordKeys, recordValues } from '../../../../schemas/registry/registry-records.ts';
import { RegistryState, type LogEntry } from '../../../../schemas/registry/registry-state.ts';
import { schemaFingerprint } from '../../../../schemas/registry/schema-fingerprint.ts';

const schemaText = (n: number): string => JSON.stringify({ type: 'record', name: `R${n}`, fields: [{ name: 'a', type: 'int' }] });

/** A `_schemas` log under construction; offsets are positions, as in a fresh partition. */
class Log {
  readonly entries: LogEntry[] = [];
  #claims = 0;

  append(key: string, value: string | null): number {
    this.entries.push({ offset: this.entries.length, key, value });
    return this.entries.length - 1;
  }

  /** A claim planned at `expectedOffset` (by default: nobody appended since, so it is valid). */
  claim(subject: string, version: number, id: number, schema: string, expectedOffset = this.entries.length): string {
    const claim = `claim-${this.#claims++}`;
    this.append(
      recordKeys.schema(subject, version, claim),
      recordValues.claim({ subject, version, id, schemaType: 'AVRO', references: [], schema, expectedOffset }),
    );
    return claim;
  }

  softDelete(subject: string, version: number, claim: string): void {
    this.append(recordKeys.softDelete(subject, version, claim), recordValues.softDelete());
  }

  permanentDelete(subject: string, version: number, claim: string): void {
    this.append(recordKeys.softDelete(subject, version, claim), null);
    this.append(recordKeys.schema(subject, version, claim), null);
  }
}

function replay(entries: readonly LogEntry[]): RegistryState {
  const state = new RegistryState();
  for (const entry of entries) state.apply(entry);
  return state;
}

/** What log compaction leaves: the last record of each key, in offset order; tombstones too until they expire. */
function compact(entries: readonly LogEntry[], dropTombstones: boolean): LogEntry[] {
  const last = new Map<string, number>();
  for (const e of entries) last.set(e.key, e.offset);
  return entries.filter((e) => last.get(e.key) === e.offset && !(dropTombstones && e.value === null));
}

describe('RegistryState', () => {
  it('folds claims into subjects, versions and ids', () => {
    const log = new Log();
    log.claim('a-value', 1, 1, schemaText(1));
    log.claim('a-value', 2, 2, schemaText(2));
    log.claim('b-value', 1, 1, schemaText(1));
    const state = replay(log.entries);
    assert.deepEqual(state.subjects(), ['a-value', 'b-value']);
    assert.deepEqual(state.versions('a-value').map((v) => [v.version, v.id, v.deleted]), [[1, 1, false], [2, 2, false]]);
    assert.deepEqual(state.versionsOfId(1).map((v) => v.subject), ['a-value', 'b-value']);
    assert.equal(state.schemaById(2)?.schema, schemaText(2));
    assert.equal(state.idOf(schemaFingerprint('AVRO', schemaText(2), [])), 2);
    assert.equal(state.nextId(), 3);
    assert.equal(state.position, 3);
  });

  it('ignores a claim that did not land at the offset it was planned on (lost compare-and-set)', () => {
    const log = new Log();
    log.claim('a-value', 1, 1, schemaText(1));
    // Planned before the first claim was appended, by another registry: void for everyone.
    const late = log.claim('a-value', 2, 1, schemaText(2), 0);
    const state = replay(log.entries);
    assert.equal(state.accepted(late), false);
    assert.equal(state.ignoredClaims, 1);
    assert.deepEqual(state.versions('a-value').map((v) => v.version), [1]);
    assert.equal(state.schemaById(1)?.schema, schemaText(1));
  });

  it('ignores valid claims that conflict: a taken version, a schema with another id, an id with another schema', () => {
    const log = new Log();
    log.claim('a-value', 1, 1, schemaText(1));
    const takenVersion = log.claim('a-value', 1, 2, schemaText(2));
    const secondIdForSchema = log.claim('b-value', 1, 7, schemaText(1));
    const idOfOtherSchema = log.claim('c-value', 1, 1, schemaText(3));
    const state = replay(log.entries);
    for (const claim of [takenVersion, secondIdForSchema, idOfOtherSchema]) assert.equal(state.accepted(claim), false);
    assert.equal(state.ignoredClaims, 3);
    assert.deepEqual(state.subjects(), ['a-value']);
    assert.equal(state.nextId(), 2);
  });

  it('soft-deletes with a marker and deletes permanently with tombstones', () => {
    const log = new Log();
    const first = log.claim('a-value', 1, 1, schemaText(1));
    log.claim('a-value', 2, 2, schemaText(2));
    log.softDelete('a-value', 1, first);
    let state = replay(log.entries);
    assert.deepEqual(state.versions('a-value').map((v) => v.deleted), [true, false]);
    assert.equal(state.schemaById(1)?.schema, schemaText(1), 'a soft-deleted schema is still found by id');
    log.permanentDelete('a-value', 1, first);
    state = replay(log.entries);
    assert.deepEqual(state.versions('a-value').map((v) => v.version), [2]);
    assert.equal(state.schemaById(1), undefined);
    assert.equal(state.nextId(), 3, 'the id of a deleted schema is not handed out again by this process');
  });

  it('keeps the last compatibility level and mode per subject; tombstones remove them', () => {
    const log = new Log();
    log.append(recordKeys.config(null), recordValues.config('FULL'));
    log.append(recordKeys.config('a-value'), recordValues.config('NONE'));
    log.append(recordKeys.config('a-value'), recordValues.config('FORWARD'));
    log.append(recordKeys.mode('a-value'), recordValues.mode('READONLY'));
    log.append(recordKeys.mode('a-value'), null);
    const state = replay(log.entries);
    assert.equal(state.compatibility(null), 'FULL');
    assert.equal(state.compatibility('a-value'), 'FORWARD');
    assert.equal(state.mode('a-value'), undefined);
  });

  it('skips records it did not write, and records already applied', () => {
    const log = new Log();
    log.append('not json', 'x');
    log.append(JSON.stringify({ keytype: 'NOOP', magic: 0 }), null);
    log.claim('a-value', 1, 1, schemaText(1));
    const state = replay([...log.entries, ...log.entries]);
    assert.equal(state.foreignRecords, 2);
    assert.deepEqual(state.versions('a-value').map((v) => v.version), [1]);
  });

  it('computes the same state from a compacted log, whatever was deleted, rewritten or lost', () => {
    const log = new Log();
    const a1 = log.claim('a-value', 1, 1, schemaText(1));
    log.claim('a-value', 2, 2, schemaText(2), 0); // lost race: void
    const a2 = log.claim('a-value', 2, 3, schemaText(3));
    log.claim('b-value', 1, 3, schemaText(3));
    // A conflicting valid claim (only a faulty writer could make one): shadowed while a2 lives.
    log.claim('c-value', 1, 3, schemaText(4));
    log.append(recordKeys.config('a-value'), recordValues.config('NONE'));
    log.softDelete('a-value', 1, a1);
    log.softDelete('a-value', 1, a1);
    log.append(recordKeys.config('a-value'), recordValues.config('FULL'));
    log.softDelete('a-value', 2, a2);
    log.permanentDelete('a-value', 2, a2);
    log.claim('a-value', 2, 5, schemaText(5));
    log.append(recordKeys.mode(null), recordValues.mode('READONLY'));
    log.append(recordKeys.mode(null), null);
    // A claim appended twice (a producer retry without idempotence): the copy is void, and so is the key.
    const duplicated = log.claim('d-value', 1, 6, schemaText(6));
    const original = log.entries.at(-1);
    assert.ok(original);
    log.append(original.key, original.value);

    const full = replay(log.entries);
    for (const dropTombstones of [false, true]) {
      const compacted = compact(log.entries, dropTombstones);
      assert.ok(compacted.length < log.entries.length);
      assert.deepEqual(replay(compacted).toJSON(), full.toJSON(), `dropTombstones=${dropTombstones}`);
    }
    assert.deepEqual(full.versions('a-value').map((v) => [v.version, v.id, v.deleted]), [[1, 1, true], [2, 5, false]]);
    assert.deepEqual(full.versions('b-value').map((v) => v.id), [3]);
    assert.deepEqual(full.versions('c-value'), [], 'id 3 still belongs to schema 3 through b-value');
    assert.equal(full.accepted(duplicated), false);
  });

  it('two writers planning on stale views never bind one id to two schemas nor one schema to two ids', () => {
    // A seeded simulation of two registries appending to one log: each plans on the state it
    // has read (which lags the log by a random amount) and claims with that position.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const log = new Log();
    const granted: { claim: string; id: number; schema: string }[] = [];
    for (let step = 0; step < 400; step += 1) {
      const seen = log.entries.length - random(3);
      const view = replay(log.entries.slice(0, Math.max(0, seen)));
      const subject = `s${random(4)}`;
      const schema = schemaText(random(12));
      const versions = view.versions(subject);
      const id = view.idOf(schemaFingerprint('AVRO', schema, [])) ?? view.nextId();
      const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
      const live = versions.filter((v) => !v.deleted);
      const action = random(10);
      if (action < 7) {
        const claim = log.claim(subject, version, id, schema, view.position);
        if (replay(log.entries).accepted(claim)) granted.push({ claim, id, schema });
      } else if (action < 9 && live.length > 0) {
        const v = live[random(live.length)];
        if (v !== undefined) log.softDelete(subject, v.version, v.claim);
      } else {
        const v = versions.find((candidate) => candidate.deleted);
        if (v !== undefined) log.permanentDelete(subject, v.version, v.claim);
      }
    }
    const state = replay(log.entries);
    assert.ok(state.ignoredClaims > 20, `races happened (${state.ignoredClaims} claims lost)`);
    assert.ok(granted.length > 50);
    // Ids are never reused, even after a permanent delete: one id, one schema, over the whole run.
    const schemaOfId = new Map<number, string>();
    for (const { id, schema } of granted) {
      assert.equal(schemaOfId.get(id) ?? schema, schema, `id ${id} given to two schemas`);
      schemaOfId.set(id, schema);
    }
    // What is registered now: one id per schema, and each version has the schema its claim was granted.
    const idOfSchema = new Map<string, number>();
    for (const subject of state.subjects()) {
      for (const v of state.versions(subject)) {
        const { schema } = state.schemaOf(v);
        assert.equal(schemaOfId.get(v.id), schema);
        assert.equal(idOfSchema.get(schema) ?? v.id, v.id, `${schema} has two ids`);
        idOfSchema.set(schema, v.id);
        assert.ok(granted.some((g) => g.claim === v.claim));
      }
    }
    assert.deepEqual(replay(compact(log.entries, true)).toJSON(), state.toJSON());
  });
});
