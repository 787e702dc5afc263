import { z } from 'zod';
import { IsoDateOrTimeSchema } from './common.js';

const money = z.coerce.number().finite().min(0).max(1e12);
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** One row of business data, from JSON or a CSV line (numbers may come as strings). */
export const CustomerRowSchema = z.object({
  id: z.coerce.string().trim().min(1, 'id is required').max(128),
  email: z.email().max(320).optional(),
  name: optionalText(200),
  account: optionalText(200),
  plan: optionalText(100),
  mrr: money.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO currency code')
    .optional(),
  acquiredAt: IsoDateOrTimeSchema.optional(),
  acquisitionCost: money.optional(),
  costToServe: money.optional(),
  churnedAt: IsoDateOrTimeSchema.optional(),
  owner: optionalText(200),
});
export type CustomerRow = z.infer<typeof CustomerRowSchema>;

/** Largest number of rows in one customers upsert. */
export const MAX_CUSTOMER_ROWS = 10000;

export const CustomerUpsertResultSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
  rejected: z.number(),
  errors: z.array(z.object({ row: z.number(), id: z.string().optional(), reason: z.string() })),
});
export type CustomerUpsertResult = z.infer<typeof CustomerUpsertResultSchema>;

export const CustomerSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  account: z.string().nullable(),
  plan: z.string().nullable(),
  mrr: z.number().nullable(),
  currency: z.string().nullable(),
  acquiredAt: z.string().nullable(),
  acquisitionCost: z.number().nullable(),
  costToServe: z.number().nullable(),
  churnedAt: z.string().nullable(),
  owner: z.string().nullable(),
  firstSeenAt: z.string().nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const LookupQuerySchema = z
  .object({
    email: z.email().optional(),
    id: z.string().min(1).max(128).optional(),
    site: z.string().min(1).max(64).optional(),
  })
  .refine((q) => q.email || q.id, 'give email or id');
