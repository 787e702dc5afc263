import { z } from 'zod';
import { BANDS_BY_METRIC } from '../metrics/scales.js';
import { IsoDateOrTimeSchema, MomentSchema, PERIOD_IN_ORDER, SlugSchema } from './common.js';
import {
  CsatResultSchema,
  MeanResultSchema,
  MetricSchema,
  NpsResultSchema,
  ReportFilterSchema,
} from './reports.js';

/** Score bands a response list can be cut by; `neutral` is CSAT's unless `metric` says CES. */
export const BandSchema = z.enum([
  'promoter',
  'passive',
  'detractor',
  'satisfied',
  'neutral',
  'unsatisfied',
  'easy',
  'hard',
]);
export type Band = z.infer<typeof BandSchema>;

/** The metric a band belongs to (the first that has it: `neutral` is CSAT's). */
export function getBandMetric(band: Band): 'nps' | 'csat' | 'ces' {
  if (band === 'promoter' || band === 'passive' || band === 'detractor') return 'nps';
  if (band === 'easy' || band === 'hard') return 'ces';
  return 'csat';
}

const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const fromBase64Url = (s: string) =>
  new TextDecoder().decode(
    Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  );

/**
 * A keyset cursor: the sort key and id of the last row of a page, opaque to clients; `tier` for a
 * list sorted in tiers first (the customers: active ones, then those who churned).
 */
export function encodeCursor(key: number, id: string, tier?: number): string {
  return toBase64Url(JSON.stringify(tier === undefined ? [key, id] : [key, id, tier]));
}

/**
 * A cursor parameter, decoded while validating: anything not made by encodeCursor is a 400. `isKey`
 * tells the keys of the list it pages (a time in ms is a whole number: PostgreSQL refuses a BIGINT
 * of 1.5 or 1e308 with a 500), and an id never holds a NUL (PostgreSQL cannot compare it either).
 */
const cursorSchema = (isKey: (key: number) => boolean, tiers = false) =>
  z
    .string()
    .max(400)
    .transform((s, ctx) => {
      try {
        const v: unknown = JSON.parse(fromBase64Url(s));
        if (
          Array.isArray(v) &&
          (v.length === 2 || (tiers && v.length === 3 && (v[2] === 0 || v[2] === 1))) &&
          typeof v[0] === 'number' &&
          Number.isFinite(v[0]) &&
          isKey(v[0]) &&
          typeof v[1] === 'string' &&
          !v[1].includes('\0')
        )
          return { key: v[0], id: v[1] as string, tier: (v[2] ?? 0) as number };
      } catch {}
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this server gave out' });
      return z.NEVER;
    });
/** A cursor whose key is any number (an amount), in tier 0 or 1 (a cursor without one is in tier 0). */
export const CursorSchema = cursorSchema(() => true, true);
/** A cursor whose key is a time in ms since 1970. */
export const TimeCursorSchema = cursorSchema((key) => Number.isSafeInteger(key));

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Filters of the response list, shared by its JSON pages and the export of the same set. */
export const ResponseFilterSchema = z
  .object({
    from: IsoDateOrTimeSchema.optional(),
    to: IsoDateOrTimeSchema.optional(),
    surveyId: SlugSchema.optional(),
    moment: MomentSchema.optional(),
    customer: z.string().min(1).max(128).optional(),
    band: BandSchema.optional(),
    /** The metric whose band is meant; by default the band's own (CSAT for `neutral`). */
    metric: MetricSchema.optional(),
    hasComment: flag.optional(),
    /** true: only responses the customer finished; false: only partial ones. */
    complete: flag.optional(),
    /** Words to find in the comments (case-insensitive). */
    q: z.string().trim().min(1).max(200).optional(),
  })
  .refine(...PERIOD_IN_ORDER)
  .refine((f) => !f.band || !f.metric || (BANDS_BY_METRIC[f.metric] as readonly string[]).includes(f.band), {
    message: 'that band is not one of this metric',
    path: ['band'],
  });
export type ResponseFilter = z.input<typeof ResponseFilterSchema>;

/** GET /v1/sites/{id}/responses: the streamed export of the same filtered set. */
export const ExportQuerySchema = z.intersection(
  ResponseFilterSchema,
  z.object({ format: z.enum(['ndjson', 'csv']).default('ndjson') }),
);

export const ResponseListQuerySchema = z.intersection(
  ResponseFilterSchema,
  z.object({
    cursor: TimeCursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** true: count every response the filter keeps (`total`); a first page asks, not each page after. */
    withTotal: flag.optional(),
  }),
);
/** What a client passes (the schema also takes the strings a query string carries). */
export type ResponseListQuery = Omit<
  z.input<typeof ResponseListQuerySchema>,
  'limit' | 'hasComment' | 'complete' | 'withTotal'
> & {
  limit?: number;
  hasComment?: boolean;
  complete?: boolean;
  withTotal?: boolean;
};

export const ListedResponseSchema = z.object({
  id: z.string(),
  surveyId: z.string(),
  surveyName: z.string().nullable(),
  moment: z.string(),
  createdAt: z.string(),
  /** False while the customer had not reached the survey's end. */
  complete: z.boolean(),
  customer: z
    .object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() })
    .nullable(),
  anonymousId: z.string(),
  agent: z.string().nullable(),
  team: z.string().nullable(),
  ticketId: z.string().nullable(),
  answers: z.array(
    z.object({
      questionId: z.string(),
      type: z.string(),
      /** The question as the survey asks it now (null when the question was removed since). */
      question: z.string().nullable(),
      value: z.union([z.number(), z.string(), z.array(z.string())]),
      /**
       * The question as it was asked when this response answered it: its words before an edit
       * changed them (null where the survey kept no such question).
       */
      askedAs: z.string().nullable(),
      /** A multiple choice's option labels as they were asked, by option id (null for other types). */
      askedOptions: z.record(z.string(), z.string()).nullable(),
    }),
  ),
  followUp: z.object({ id: z.string(), status: z.string() }).nullable(),
});
export type ListedResponse = z.infer<typeof ListedResponseSchema>;

export const ResponseListSchema = z.object({
  responses: z.array(ListedResponseSchema),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
  /**
   * With `withTotal=true`, how many responses the filter keeps in all (every page, not this one);
   * null otherwise. A count reads every match, so a list that pages asks on its first page only.
   */
  total: z.number().nullable(),
});
export type ResponseList = z.infer<typeof ResponseListSchema>;

/**
 * GET /v1/sites/{id}/customers: search in id, email, name and account; `risk` keeps those at risk;
 * `since` (a day or a time) flags only the scores answered from then on, as the value report reads
 * a period's latest scores: an older answer is still listed, and flags nothing.
 */
export const CustomerListQuerySchema = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  plan: z.string().min(1).max(100).optional(),
  risk: z.enum(['high', 'watch', 'any']).optional(),
  since: IsoDateOrTimeSchema.optional(),
  cursor: CursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** true: count every customer the search and risk filter keep (`total`), for a first page. */
  withTotal: flag.optional(),
});
export type CustomerListQuery = Omit<z.input<typeof CustomerListQuerySchema>, 'limit' | 'withTotal'> & {
  limit?: number;
  withTotal?: boolean;
};

const LatestScore = z.object({ value: z.number(), at: z.string() }).nullable();

export const ListedCustomerSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  account: z.string().nullable(),
  plan: z.string().nullable(),
  mrr: z.number().nullable(),
  currency: z.string().nullable(),
  churnedAt: z.string().nullable(),
  latest: z.object({ nps: LatestScore, csat: LatestScore, ces: LatestScore }),
  risk: z.object({ level: z.enum(['none', 'watch', 'high']), reasons: z.array(z.string()) }),
});
export type ListedCustomer = z.infer<typeof ListedCustomerSchema>;

export const CustomerListSchema = z.object({
  customers: z.array(ListedCustomerSchema),
  nextCursor: z.string().nullable(),
  /**
   * With `withTotal=true`, how many customers the search and risk filter keep in all; null
   * otherwise (a list that pages asks on its first page only).
   */
  total: z.number().nullable(),
});
export type CustomerList = z.infer<typeof CustomerListSchema>;

/** The customers behind "revenue at risk": detractors and falling scores, biggest MRR first. */
export const AtRiskSchema = z.object({
  from: z.string(),
  to: z.string(),
  customers: z.array(
    z.object({
      id: z.string(),
      email: z.string().nullable(),
      name: z.string().nullable(),
      plan: z.string().nullable(),
      mrr: z.number().nullable(),
      nps: z.number(),
      previousNps: z.number().nullable(),
      reason: z.enum(['detractor', 'falling']),
    }),
  ),
  /** How many at-risk customers there are in all (the list stops at `limit`). */
  total: z.number(),
  /** Where this page starts in the whole list (the `offset` asked for; 0 for the first page). */
  offset: z.number(),
  /** The currency of the MRR figures (as in the value report). */
  currency: z.string(),
});
export type AtRisk = z.infer<typeof AtRiskSchema>;

/**
 * The value report's period and filters (the same customers as its revenue at risk), and a page:
 * `limit` (100 when not given, for JSON; every customer for CSV) from `offset` (0 first). `format=csv`
 * downloads the list as a spreadsheet file.
 */
export const AtRiskQuerySchema = z.intersection(
  ReportFilterSchema,
  z.object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    format: z.enum(['json', 'csv']).default('json'),
  }),
);
/** What a client passes for a page of the at-risk list. */
export type AtRiskQuery = Omit<z.input<typeof AtRiskQuerySchema>, 'limit' | 'offset'> & {
  limit?: number;
  offset?: number;
};

export const SurveyResultsQuerySchema = z
  .object({
    surveyId: SlugSchema,
    from: IsoDateOrTimeSchema.optional(),
    to: IsoDateOrTimeSchema.optional(),
  })
  .refine(...PERIOD_IN_ORDER);

const Share = z.object({
  count: z.number(),
  share: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
});

/** One survey's answers question by question: distributions, option shares, its comments. */
export const SurveyResultsSchema = z.object({
  surveyId: z.string(),
  from: z.string(),
  to: z.string(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      text: z.string(),
      /** Answers to this question in the period. */
      n: z.number(),
      /** Scales: every value of the scale with its count and share (0 answers included). */
      distribution: z.array(Share.extend({ value: z.number() })).optional(),
      mean: z.number().nullable().optional(),
      /** The question's score as the reports give it, with its 95% interval: NPS, CSAT (% satisfied), CES (mean of 7). */
      nps: NpsResultSchema.optional(),
      csat: CsatResultSchema.optional(),
      ces: MeanResultSchema.optional(),
      /** Choice questions: each option's count, and its share of those who answered (with a Wilson interval). */
      options: z.array(Share.extend({ id: z.string(), label: z.string() })).optional(),
      /** Text questions: the latest answers, newest first. */
      texts: z.array(z.object({ text: z.string(), at: z.string(), responseId: z.string() })).optional(),
    }),
  ),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;

/** GET /v1/sites/{id}/audience: one customer id, or one anonymous visitor id. */
export const AudienceQuerySchema = z
  .object({
    customer: z.string().trim().min(1).max(128).optional(),
    anonymousId: z.string().trim().min(1).max(128).optional(),
  })
  .refine((q) => !q.customer !== !q.anonymousId, {
    message: 'give a customer id or an anonymousId (one of them)',
    path: ['customer'],
  });

/** Which surveys would show to one person now, moment by moment, and why the others would not. */
export const AudienceSchema = z.object({
  subject: z.object({
    customer: z.string().nullable(),
    anonymousId: z.string().nullable(),
    /** The server has seen this person (a response, a display or business data). */
    known: z.boolean(),
    email: z.string().nullable(),
  }),
  contacts: z.object({
    lastContactAt: z.string().nullable(),
    shownLast30Days: z.number(),
    optedOut: z.boolean(),
  }),
  policy: z.object({ recontactDays: z.number(), maxPerMonth: z.number() }),
  moments: z.array(
    z.object({
      moment: z.string(),
      surveys: z.array(
        z.object({
          surveyId: z.string(),
          name: z.string(),
          status: z.string(),
          priority: z.number(),
          shows: z.boolean(),
          reasons: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type Audience = z.infer<typeof AudienceSchema>;
