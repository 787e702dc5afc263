import { z } from 'zod';

/** A client-generated id: the idempotency key of responses, displays and events. */
export const ClientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 characters of A-Z, a-z, 0-9, _ or -');

/** A short identifier chosen by a person (survey, question or option id). */
export const SlugSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -');

/**
 * Whether a customer id can be named in a URL path: every URL parser resolves a `.` or `..`
 * segment, so `DELETE /v1/sites/{id}/customers/..` reaches another path and such a customer could
 * never be erased.
 */
export const isPathSegmentId = (id: string) => id !== '.' && id !== '..';
export const PATH_SEGMENT_ID_MESSAGE = 'must not be "." or ".." (no URL path can name it)';

/** A funnel moment name such as `checkout_completed`. */
export const MomentSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.:-]{0,63}$/, 'must be 1 to 64 lowercase characters: a-z, 0-9, _ . : -');

/** An ISO 8601 date-time with a zone (Z or an offset). */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** How far ahead of the server's clock a client's clock may run. */
const MAX_CLOCK_AHEAD_MS = 24 * 3_600_000;

/**
 * When a client says something happened (a response, display or event): a date-time with its zone,
 * not before 1970 (times are stored as milliseconds since then, and lists start there) and not more
 * than a day ahead of the server.
 */
export const ClientTimeSchema = IsoDateTimeSchema.refine(
  (t) => Date.parse(t) >= 0,
  'must not be before 1970',
).refine((t) => Date.parse(t) <= Date.now() + MAX_CLOCK_AHEAD_MS, 'is in the future');

/** An ISO date (2026-01-31) or date-time; one message for both (a union's own is "Invalid input"). */
export const IsoDateOrTimeSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date such as 2026-01-31, or a date and time with its zone such as 2026-01-31T09:00:00Z',
});

/** A BCP 47 language tag, loosely checked. */
export const LocaleSchema = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag');

/** The one error body the API answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Largest number of items in one ingest batch. */
export const MAX_BATCH = 100;
/** Largest request body in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Refinement for a query with a period: `from` must not come after `to`. */
export const PERIOD_IN_ORDER: [
  (f: { from?: string; to?: string }) => boolean,
  { message: string; path: string[] },
] = [
  (f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to),
  { message: 'from must not be after to', path: ['from'] },
];
