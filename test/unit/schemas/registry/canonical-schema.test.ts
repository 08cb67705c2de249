import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalSchema } from '../../../../schemas/registry/canonical-schema.ts';

const canonical = (text: string, normalize = false): string => canonicalSchema(JSON.parse(text), normalize);

describe('canonicalSchema', () => {
  it("writes attributes in Avro Java's order, compactly, whatever the input's order and spacing", () => {
    const a = `{
      "fields": [ { "type": "int", "doc": "how many", "name": "qty", "default": 1 } ],
      "doc": "An order", "name": "Order", "type": "record", "namespace": "shop"
    }`;
    const b = '{"type":"record","namespace":"shop","name":"Order","doc":"An order","fields":[{"name":"qty","doc":"how many","default":1,"type":"int"}]}';
    const expected = '{"type":"record","name":"Order","namespace":"shop","doc":"An order","fields":[{"name":"qty","type":"int","doc":"how many","default":1}]}';
    assert.equal(canonical(a), expected);
    assert.equal(canonical(b), expected);
  });

  it('writes a primitive without properties as its bare name and keeps one with properties', () => {
    assert.equal(canonical('{"type":"string"}'), '"string"');
    assert.equal(canonical('{"type":"array","items":{"type":"long"}}'), '{"type":"array","items":"long"}');
    assert.equal(canonical('{"logicalType":"date","type":"int"}'), '{"type":"int","logicalType":"date"}');
    assert.equal(canonical('["null",{"type":"string"}]'), '["null","string"]');
  });

  it('drops the default field order and keeps docs, defaults, custom properties and aliases, aliases last', () => {
    const text = '{"aliases":["Old"],"x-owner":"team","type":"record","name":"R","fields":[{"name":"a","type":"int","order":"ascending","aliases":["b"]},{"name":"c","type":"int","order":"descending"}]}';
    assert.equal(
      canonical(text),
      '{"type":"record","name":"R","fields":[{"name":"a","type":"int","aliases":["b"]},{"name":"c","type":"int","order":"descending"}],"x-owner":"team","aliases":["Old"]}',
    );
  });

  it('keeps docs significant: a changed doc is another schema', () => {
    const base = '{"type":"enum","name":"E","symbols":["A"],"doc":"%"}';
    assert.notEqual(canonical(base.replace('%', 'one')), canonical(base.replace('%', 'two')));
  });

  it('normalizes names to full names, qualifies type references and sorts properties', () => {
    const nested = '{"type":"record","name":"Order","namespace":"shop","z":1,"a":2,"fields":[{"name":"line","type":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"}]}},{"name":"previous","type":["null","Line"]}]}';
    const qualified = '{"type":"record","name":"shop.Order","a":2,"z":1,"fields":[{"name":"line","type":{"type":"record","name":"shop.Line","fields":[{"name":"sku","type":"string"}]}},{"name":"previous","type":["null","shop.Line"]}]}';
    assert.equal(canonical(nested, true), canonical(qualified, true));
    assert.equal(
      canonical(nested, true),
      '{"type":"record","name":"shop.Order","fields":[{"name":"line","type":{"type":"record","name":"shop.Line","fields":[{"name":"sku","type":"string"}]}},{"name":"previous","type":["null","shop.Line"]}],"a":2,"z":1}',
    );
    assert.notEqual(canonical(nested), canonical(qualified), 'without normalize, the spelling of names counts');
  });

  it('keeps a "__proto__" attribute as plain data', () => {
    assert.equal(canonical('{"type":"record","name":"R","fields":[],"__proto__":{"x":1}}'), '{"type":"record","name":"R","fields":[],"__proto__":{"x":1}}');
  });
});
