import { z } from 'zod';

const money = z.object({ amount: z.union([z.string(), z.number()]), currency: z.string() });

/**
 * The shape of one `GET /v1/products` item. Values are only checked for type and form here;
 * what they mean (marketplace, currency, exact amounts) is checked by the mapping, which names
 * the field that fails. Unknown fields are allowed: APIs add fields without notice.
 */
export const apiItemSchema = z.object({
  asin: z.string().regex(/^[A-Z0-9]{10}$/, 'expected a 10-character ASIN'),
  marketplace: z.string(),
  price: money.nullable(),
  salesRank: z.object({ rank: z.number().int().positive().max(2 ** 31 - 1), category: z.string().min(1) }).nullish(),
  estimates: z
    .object({ monthlyUnits: z.number().int().nonnegative().max(2 ** 31 - 1).nullish(), monthlyRevenue: money.nullish() })
    .nullish(),
  observedAt: z.iso.datetime({ offset: true }),
});

export type ApiItemFields = z.infer<typeof apiItemSchema>;

/** A page of `GET /v1/products`: items are checked one by one later, so one bad item spoils nothing else. */
export const apiPageSchema = z
  .object({
    data: z.array(z.unknown()),
    paging: z.object({ nextCursor: z.string().min(1).nullable(), hasMore: z.boolean() }),
  })
  .refine((page) => !page.paging.hasMore || page.paging.nextCursor !== null, 'hasMore without a nextCursor');
