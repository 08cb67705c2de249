import type { OutgoingRecord } from '../../infra/kafka/kafka-driver.ts';
import { KEY_SCHEMA } from '../../schemas/record-keys.ts';
import { readSchemaFile } from '../../schemas/schema-files.ts';
import type { AvroSerde } from '../../schemas/serde/avro-serde.ts';
import { subjectName } from '../../schemas/serde/subject-name.ts';
import type { PageExtraction } from './extract/index.ts';
import { productPageRecord, reviewRecord, type FetchProvenance } from './page-records.ts';

const PRODUCT_SCHEMA = readSchemaFile('crawled-product-page');
const REVIEW_SCHEMA = readSchemaFile('crawled-review');

/** The Avro records one data page gives, per topic. */
export interface PageOutputs {
  readonly products: OutgoingRecord[];
  readonly reviews: OutgoingRecord[];
}

/**
 * A product page gives one CrawledProductPage; a reviews page one CrawledReview per review;
 * search results give links only. Every record is keyed by ASIN. A product page's "top
 * reviews" are not written: its reviews pages hold each of them, with the rest.
 */
export async function pageOutputs(
  serde: AvroSerde,
  topics: { readonly products: string; readonly reviews: string },
  extraction: PageExtraction,
  from: FetchProvenance,
): Promise<PageOutputs> {
  const key = (topic: string, asin: string): Promise<Buffer> => serde.serialize(subjectName(topic, 'key'), KEY_SCHEMA, asin);
  if (extraction.kind === 'product') {
    const record = productPageRecord(extraction.product, from);
    const value = await serde.serialize(subjectName(topics.products, 'value'), PRODUCT_SCHEMA, record);
    return { products: [{ key: await key(topics.products, record.asin), value, timestamp: from.fetchedAt }], reviews: [] };
  }
  if (extraction.kind === 'reviews') {
    const reviews = await Promise.all(
      extraction.reviews.map(async (review) => ({
        key: await key(topics.reviews, review.asin),
        value: await serde.serialize(subjectName(topics.reviews, 'value'), REVIEW_SCHEMA, reviewRecord(review, from)),
        timestamp: from.fetchedAt,
      })),
    );
    return { products: [], reviews };
  }
  return { products: [], reviews: [] };
}
