import { z } from 'zod';

export const FollowUpStatusSchema = z.enum(['open', 'in_progress', 'resolved']);
export type FollowUpStatus = z.infer<typeof FollowUpStatusSchema>;

export const FollowUpSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  responseId: z.string(),
  customerId: z.string().nullable(),
  /** In lists: the customer's email, when known. */
  customerEmail: z.string().nullable().optional(),
  status: FollowUpStatusSchema,
  reason: z.string(),
  assignee: z.string().nullable(),
  note: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  history: z
    .array(z.object({ at: z.string(), actor: z.string(), change: z.record(z.string(), z.unknown()) }))
    .optional(),
  /** In lists: what the customer answered and is worth, and whether they can be reached. */
  context: z
    .object({
      surveyId: z.string(),
      surveyName: z.string().nullable(),
      moment: z.string(),
      answeredAt: z.string(),
      scores: z.object({
        nps: z.number().optional(),
        csat: z.number().optional(),
        ces: z.number().optional(),
      }),
      comment: z.string().nullable(),
      customer: z
        .object({ plan: z.string().nullable(), mrr: z.number().nullable(), currency: z.string().nullable() })
        .nullable(),
      /** Why nobody can get back to this customer, or null when they can be reached. */
      cannotContact: z.string().nullable(),
    })
    .optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FollowUpPatchSchema = z.object({
  status: FollowUpStatusSchema,
  assignee: z.string().trim().min(1).max(200).nullable().optional(),
  note: z.string().trim().max(5000).nullable().optional(),
});
export type FollowUpPatch = z.infer<typeof FollowUpPatchSchema>;

export const FollowUpListQuerySchema = z.object({
  status: z.enum(['open', 'in_progress', 'resolved', 'unresolved', 'all']).default('unresolved'),
  site: z.string().min(1).max(64).optional(),
  customer: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /v1/stream?customers=a,b: up to 100 customer ids; Last-Event-ID (or lastEventId) resumes. */
export const StreamQuerySchema = z.object({
  customers: z
    .string()
    .min(1)
    .max(20_000)
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(128)).min(1).max(100)),
  site: z.string().min(1).max(64).optional(),
  lastEventId: z.coerce.number().int().min(0).optional(),
});
