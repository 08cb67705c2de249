import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSchemaFile, schemaFileNames } from '../../../schemas/schema-files.ts';
import type { SchemaName } from '../../../schemas/types/schema-values.ts';
import { sampleRecords } from '../../support/sample-records.ts';

const NAMESPACES = ['com.shelfstream.raw', 'com.shelfstream.enriched', 'com.shelfstream.aggregate', 'com.shelfstream.deadletter'];

describe('Avro schema files', () => {
  it('has a sample record for every schema file, and no sample without one', () => {
    assert.deepEqual(Object.keys(sampleRecords).sort(), schemaFileNames());
  });

  for (const name of Object.keys(sampleRecords) as SchemaName[]) {
    describe(name, () => {
      const schema = readSchemaFile(name);

      it('parses with avsc into a record in one of the project namespaces', () => {
        assert.equal(schema.type.typeName, 'record');
        const namespace = schema.name.slice(0, schema.name.lastIndexOf('.'));
        assert.ok(NAMESPACES.includes(namespace), `${schema.name} is outside ${NAMESPACES.join(', ')}`);
      });

      it('round-trips its sample record through Avro binary', () => {
        const sample = sampleRecords[name];
        assert.ok(schema.type.isValid(sample), `sample of ${name} does not match the schema`);
        const decoded: unknown = schema.type.fromBuffer(schema.type.toBuffer(sample));
        // structuredClone drops avsc's record classes so only the data is compared.
        assert.deepStrictEqual(structuredClone(decoded), structuredClone(sample));
      });

      it('registers a text that compiles to the same schema, enum defaults included', () => {
        const reparsed = JSON.parse(schema.text) as unknown;
        assert.match(schema.text, /^\{"type":"record"/);
        assert.deepStrictEqual(reparsed, JSON.parse(JSON.stringify(reparsed)));
        if (schema.text.includes('"type":"enum"')) assert.match(schema.text, /"default":"UNKNOWN"/);
      });
    });
  }
});
