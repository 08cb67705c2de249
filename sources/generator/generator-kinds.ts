import type { AvroSchema } from '../../schemas/avro-schema.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { GeneratedEvent, GeneratorOptions } from './generated-event.ts';
import { generateObservations } from './observation-generator.ts';
import { generateOrders } from './order-generator.ts';
import { generateReviews } from './review-generator.ts';

export type GeneratorKindName = 'orders' | 'observations' | 'reviews';

/** A kind of synthetic event: its Avro schema and its generator. */
export interface GeneratorKind<T> {
  readonly schema: AvroSchema<T>;
  generate(options: GeneratorOptions): Generator<GeneratedEvent<T>>;
}

/** Calls `use` with the kind named, keeping its value type across schema and generator. */
export function withGeneratorKind<R>(name: GeneratorKindName, use: <T>(kind: GeneratorKind<T>) => R): R {
  switch (name) {
    case 'orders':
      return use({ schema: readSchemaFile('sales-order'), generate: generateOrders });
    case 'observations':
      return use({ schema: readSchemaFile('marketplace-observation'), generate: generateObservations });
    case 'reviews':
      return use({ schema: readSchemaFile('crawled-review'), generate: generateReviews });
  }
}
