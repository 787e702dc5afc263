import { z } from 'zod';
import { CUSTOMER_CSV_FIELDS, type CustomerCsvField } from '../csv/customer-fields.js';
import { IsoDateOrTimeSchema, isPathSegmentId, PATH_SEGMENT_ID_MESSAGE } from './common.js';

// A CSV cell is text; JSON may say 12 or "12". Not true, null, [5] or "": coercing read them as 1, 0, 5, 0.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const money = z
  .union([z.number(), z.string().trim().regex(DECIMAL, 'must be a number')], { error: 'must be a number' })
  .transform(Number)
  .pipe(z.number().finite().min(0).max(1e12));
const optionalText = (max: number) => z.string().trim().max(max).optional();

/** One row of business data, from JSON or a CSV line (numbers may come as strings). */
export const CustomerRowSchema = z.object({
  // A CRM's numeric id may come as a JSON number; an object, array, true or null is no id.
  id: z
    .union([z.string(), z.number()], {
      error: (issue) => (issue.input === undefined ? 'id is required' : 'must be text or a number'),
    })
    .transform(String)
    .pipe(
      z.string().trim().min(1, 'id is required').max(128).refine(isPathSegmentId, PATH_SEGMENT_ID_MESSAGE),
    ),
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

/** The fields a CSV column can be mapped to: the schema's, the same list the dashboard offers. */
export const CUSTOMER_FIELDS: readonly CustomerCsvField[] = CUSTOMER_CSV_FIELDS;
// Holds the zod-free list to the schema: a field added to one and not the other fails typecheck.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const fieldsMatchSchema: Same<CustomerCsvField, keyof CustomerRow> = true;
void fieldsMatchSchema;

/**
 * PUT /v1/sites/{id}/customers?columns=id,email,,mrr: a CSV's columns mapped to fields in order
 * (an empty name skips that column), for files that name their columns their own way.
 */
export const CustomerImportQuerySchema = z.object({
  columns: z
    .string()
    .max(2000)
    .transform((s, ctx) => {
      const names = s.split(',').map((n) => n.trim());
      const unknown = names.filter((n) => n && !(CUSTOMER_FIELDS as readonly string[]).includes(n));
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          message: `unknown field ${unknown.join(', ')}; known: ${CUSTOMER_FIELDS.join(', ')}`,
        });
      if (!names.includes('id')) ctx.addIssue({ code: 'custom', message: 'one column must be the id' });
      const named = names.filter(Boolean);
      if (new Set(named).size !== named.length)
        ctx.addIssue({ code: 'custom', message: 'a field is named twice' });
      return names;
    })
    .optional(),
});

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
