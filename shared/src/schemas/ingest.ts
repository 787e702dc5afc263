import { z } from 'zod';
import {
  ClientIdSchema,
  ClientTimeSchema,
  isPathSegmentId,
  LocaleSchema,
  MAX_BATCH,
  MomentSchema,
  PATH_SEGMENT_ID_MESSAGE,
  SlugSchema,
} from './common.js';

const CustomerIdSchema = z.string().trim().min(1).max(128).refine(isPathSegmentId, PATH_SEGMENT_ID_MESSAGE);

/** A customer as named by the widget: id, and a signature when the site requires it. */
export const CustomerRefSchema = z.object({
  id: CustomerIdSchema,
  email: z.email().max(320).optional(),
  traits: z
    .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .optional(),
  signature: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 of the customer id')
    .optional(),
  /** hex(HMAC-SHA256(site secret, id + "\n" + email)): the site vouches for the email too. */
  emailSignature: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 of the customer id, a newline and the email')
    .optional(),
});
export type CustomerRef = z.infer<typeof CustomerRefSchema>;

const AnonymousIdSchema = z.string().min(1).max(128);

export const AnswerSchema = z.object({
  questionId: SlugSchema,
  value: z.union([z.number().finite(), z.string().max(5000), z.array(z.string().max(200)).min(1).max(20)]),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const ResponseSchema = z.object({
  id: ClientIdSchema,
  surveyId: SlugSchema,
  answers: z.array(AnswerSchema).min(1).max(20),
  customer: CustomerRefSchema.optional(),
  anonymousId: AnonymousIdSchema,
  moment: MomentSchema,
  context: z
    .object({
      agent: z.string().max(200).optional(),
      team: z.string().max(200).optional(),
      ticketId: z.string().max(200).optional(),
      url: z.string().max(2000).optional(),
    })
    .optional(),
  locale: LocaleSchema.optional(),
  createdAt: ClientTimeSchema,
  /**
   * false while the customer has not reached the end: the widget sends what is answered so far
   * under the same id, and the server adds each answer it lacks. Absent means true.
   */
  complete: z.boolean().optional(),
});
export type SurveyResponse = z.infer<typeof ResponseSchema>;

/** A batch; duplicate ids inside it are allowed and counted once. */
function batchOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1, 'send at least one item')
    .max(MAX_BATCH, `send at most ${MAX_BATCH} items a batch`);
}

export const ResponseBatchSchema = z.object({ responses: batchOf(ResponseSchema) });

export const DisplaySchema = z.object({
  id: ClientIdSchema,
  surveyId: SlugSchema,
  customer: CustomerRefSchema.optional(),
  anonymousId: AnonymousIdSchema,
  /** shown (default), dismissed (closed without answering) or opted_out ("don't ask again"). */
  kind: z.enum(['shown', 'dismissed', 'opted_out']).default('shown'),
  createdAt: ClientTimeSchema,
});
export type Display = z.infer<typeof DisplaySchema>;
export const DisplayBatchSchema = z.object({ displays: batchOf(DisplaySchema) });

export const EventSchema = z.object({
  id: ClientIdSchema,
  name: MomentSchema,
  customer: CustomerRefSchema.optional(),
  anonymousId: AnonymousIdSchema,
  props: z
    .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .optional(),
  createdAt: ClientTimeSchema,
});
export type TrackedEvent = z.infer<typeof EventSchema>;
export const EventBatchSchema = z.object({ events: batchOf(EventSchema) });

/** What every ingest endpoint answers with 202. */
export const IngestResultSchema = z.object({
  accepted: z.array(z.string()),
  duplicates: z.array(z.string()),
});
export type IngestResult = z.infer<typeof IngestResultSchema>;

export const ConfigQuerySchema = z.object({
  customer: CustomerIdSchema.optional(),
  sig: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});
