import { z } from 'zod';
import { IsoDateOrTimeSchema, MomentSchema, PERIOD_IN_ORDER, SlugSchema } from './common.js';
import { CustomerSchema } from './customer.js';

const Interval95 = z.tuple([z.number(), z.number()]).nullable();

/** Period and filters every report takes. */
export const ReportFilterSchema = z
  .object({
    from: IsoDateOrTimeSchema.optional(),
    to: IsoDateOrTimeSchema.optional(),
    surveyId: SlugSchema.optional(),
    moment: MomentSchema.optional(),
    team: z.string().min(1).max(200).optional(),
    agent: z.string().min(1).max(200).optional(),
    plan: z.string().min(1).max(100).optional(),
  })
  .refine(...PERIOD_IN_ORDER);
export type ReportFilter = z.infer<typeof ReportFilterSchema>;

export const MetricSchema = z.enum(['nps', 'csat', 'ces']);
export type Metric = z.infer<typeof MetricSchema>;

export const TimeseriesQuerySchema = z.intersection(
  ReportFilterSchema,
  z.object({
    metric: MetricSchema.default('nps'),
    interval: z.enum(['day', 'week', 'month']).default('week'),
  }),
);

export const NpsResultSchema = z.object({
  score: z.number().nullable(),
  n: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  ci95: Interval95,
  /** True when n is under the site's minimum sample (`minSample`): too few answers to trust. */
  insufficient: z.boolean().optional(),
});
export type NpsResult = z.infer<typeof NpsResultSchema>;

export const CsatResultSchema = z.object({
  score: z.number().nullable(),
  mean: z.number().nullable(),
  n: z.number(),
  satisfied: z.number(),
  ci95: Interval95,
  /** True when n is under the site's minimum sample (`minSample`): too few answers to trust. */
  insufficient: z.boolean().optional(),
});
export type CsatResult = z.infer<typeof CsatResultSchema>;

export const MeanResultSchema = z.object({
  mean: z.number().nullable(),
  n: z.number(),
  ci95: Interval95,
  /** True when n is under the site's minimum sample (`minSample`): too few answers to trust. */
  insufficient: z.boolean().optional(),
});
export type MeanResult = z.infer<typeof MeanResultSchema>;

export const SummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  n: z.number(),
  nps: NpsResultSchema,
  csat: CsatResultSchema,
  ces: MeanResultSchema,
  /** Responses with at least one answer over shown displays. */
  responseRate: z.object({
    responses: z.number(),
    displays: z.number(),
    rate: z.number().nullable(),
    n: z.number(),
    ci95: Interval95,
    /**
     * Why there is no rate (`rate` null): displays are not recorded by team, agent or plan, so
     * under those filters a rate would divide a part of the answers by every display; or more
     * answers than displays were recorded (answers sent without a display), which no rate can be.
     */
    unavailable: z.string().optional(),
  }),
  /** Responses the customer finished (`complete`) over all responses, partial ones included. */
  completionRate: z.object({
    completed: z.number(),
    responses: z.number(),
    rate: z.number().nullable(),
    ci95: Interval95,
  }),
  /** The site's minimum sample: a score with fewer answers is marked `insufficient`. */
  minN: z.number(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const TimeseriesSchema = z.object({
  metric: MetricSchema,
  interval: z.enum(['day', 'week', 'month']),
  from: z.string(),
  to: z.string(),
  points: z.array(
    z.object({
      start: z.string(),
      n: z.number(),
      score: z.number().nullable(),
      ci95: Interval95,
      /** True when n is under the site's minimum sample. */
      insufficient: z.boolean().optional(),
    }),
  ),
});
export type Timeseries = z.infer<typeof TimeseriesSchema>;

export const LookupSchema = z.object({
  customer: CustomerSchema.pick({
    id: true,
    email: true,
    name: true,
    account: true,
    plan: true,
    mrr: true,
    currency: true,
    churnedAt: true,
    owner: true,
  }).extend({ siteId: z.string(), lifetimeValue: z.number().nullable() }),
  latest: z.object({
    nps: z.object({ value: z.number(), at: z.string() }).nullable(),
    csat: z.object({ value: z.number(), at: z.string() }).nullable(),
    ces: z.object({ value: z.number(), at: z.string() }).nullable(),
  }),
  history: z.array(z.object({ metric: MetricSchema, value: z.number(), at: z.string(), moment: z.string() })),
  /**
   * Every funnel moment the customer reached (a tracked event) or answered a survey at, latest
   * first: the latest score of each metric there (null: none among the latest answers).
   */
  moments: z.array(
    z.object({
      moment: z.string(),
      nps: z.number().nullable(),
      csat: z.number().nullable(),
      ces: z.number().nullable(),
      /** Their latest answer there; for a moment reached and not answered, when they last reached it. */
      at: z.string(),
      /** Whether they answered a survey at this moment (false: reached, no answer). */
      answered: z.boolean(),
      /** When they last reached it (a tracked event); null when no event of it was tracked for them. */
      reachedAt: z.string().nullable(),
    }),
  ),
  comments: z.array(z.object({ text: z.string(), at: z.string(), surveyId: z.string(), moment: z.string() })),
  followups: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      reason: z.string(),
      openedAt: z.string(),
      /** Who has it and the note left on it, so the next agent sees what was done. */
      assignee: z.string().nullable().optional(),
      note: z.string().nullable().optional(),
    }),
  ),
  risk: z.object({ level: z.enum(['none', 'watch', 'high']), reasons: z.array(z.string()) }),
});
export type Lookup = z.infer<typeof LookupSchema>;

export const GroupBySchema = z.enum(['agent', 'team', 'moment', 'plan']);
export type GroupBy = z.infer<typeof GroupBySchema>;

export const RankingQuerySchema = z.intersection(
  ReportFilterSchema,
  z.object({
    metric: MetricSchema.default('nps'),
    by: GroupBySchema.default('team'),
    minN: z.coerce.number().int().min(1).max(100_000).default(30),
  }),
);

export const MoversQuerySchema = z.intersection(
  ReportFilterSchema,
  z.object({
    metric: MetricSchema.default('nps'),
    by: GroupBySchema.default('team'),
    interval: z.enum(['week', 'month']).default('month'),
    minN: z.coerce.number().int().min(1).max(100_000).default(30),
  }),
);

const ChangeSchema = z.object({
  change: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  significant: z.boolean(),
});

export const RankedGroupSchema = z.object({
  key: z.string(),
  rank: z.number(),
  n: z.number(),
  score: z.number(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  previous: z.object({ n: z.number(), score: z.number().nullable() }),
  change: ChangeSchema.nullable(),
});

export const RankingSchema = z.object({
  metric: MetricSchema,
  by: GroupBySchema,
  minN: z.number(),
  from: z.string(),
  to: z.string(),
  previous: z.object({ from: z.string(), to: z.string() }),
  groups: z.array(RankedGroupSchema),
  insufficient: z.array(z.object({ key: z.string(), n: z.number() })),
  note: z.string(),
  /**
   * Answers of each metric in the period that name a group of `by`, whatever `metric` is: a metric
   * at 0 has nothing to rank by this grouping (no NPS answer names an agent where agents are named
   * on support answers, which ask CSAT).
   */
  answered: z.object({ nps: z.number(), csat: z.number(), ces: z.number() }),
});
export type Ranking = z.infer<typeof RankingSchema>;

export const MoversSchema = z.object({
  metric: MetricSchema,
  by: GroupBySchema,
  interval: z.enum(['week', 'month']),
  current: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  improved: z.array(RankedGroupSchema.omit({ rank: true })),
  attention: z.array(RankedGroupSchema.omit({ rank: true })),
  note: z.string(),
});
export type Movers = z.infer<typeof MoversSchema>;

export const NpsBandSchema = z.enum(['promoter', 'passive', 'detractor']);

export const ValueSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Customers whose latest NPS falls in the period. */
  customers: z.number(),
  nps: z.number().nullable(),
  /** NPS with each customer weighted by their MRR. */
  revenueWeightedNps: z.number().nullable(),
  revenueAtRisk: z.object({
    monthly: z.number(),
    annual: z.number(),
    detractors: z.number(),
    falling: z.number(),
  }),
  bands: z.array(
    z.object({
      band: NpsBandSchema,
      customers: z.number(),
      share: z.number(),
      mrr: z.number(),
      averageMrr: z.number().nullable(),
      churnRate: z.number().nullable(),
      churnCi95: z.tuple([z.number(), z.number()]).nullable(),
      lifetimeValue: z.number().nullable(),
      acquisitionCost: z.number().nullable(),
      costToServe: z.number().nullable(),
    }),
  ),
  settings: z.object({ margin: z.number(), annualDiscountRate: z.number() }),
  /** The currency of the amounts: the one the site's customers carry (USD when none names one). */
  currency: z.string(),
  /** True when customers carry more than one currency: their amounts are added as they are. */
  mixedCurrencies: z.boolean(),
});
export type Value = z.infer<typeof ValueSchema>;

export const JourneySchema = z.object({
  from: z.string(),
  to: z.string(),
  moments: z.array(
    z.object({
      moment: z.string(),
      /** The metric asked at this moment that conversion is banded by (NPS, else CSAT, else CES). */
      metric: MetricSchema.nullable(),
      n: z.number(),
      nps: NpsResultSchema,
      csat: CsatResultSchema,
      ces: MeanResultSchema,
      responseRate: z.object({
        rate: z.number().nullable(),
        ci95: z.tuple([z.number(), z.number()]).nullable(),
        /** Why there is no rate (`rate` null), as the summary says it. */
        unavailable: z.string().optional(),
      }),
      /** Every answer of `metric` at this moment by score band, best first (worst last). */
      bands: z.array(
        z.object({
          band: z.string(),
          n: z.number(),
          share: z.number().nullable(),
          ci95: z.tuple([z.number(), z.number()]).nullable(),
        }),
      ),
      next: z.string().nullable(),
      /**
       * True for a moment where a customer leaves (its name says cancel, churn, unsubscribe,
       * downgrade, or closing or deleting an account): going on to it is a loss, not a conversion,
       * and its own unhappiness is expected (those who leave are unhappy), not a finding.
       */
      exit: z.boolean(),
      /** True when `next` is an exit moment: `conversion` then counts customers lost (lower is better). */
      nextIsExit: z.boolean(),
      conversion: z.array(
        z.object({
          band: z.string(),
          n: z.number(),
          converted: z.number(),
          rate: z.number().nullable(),
          ci95: z.tuple([z.number(), z.number()]).nullable(),
        }),
      ),
    }),
  ),
});
export type Journey = z.infer<typeof JourneySchema>;

export const DriversQuerySchema = z.intersection(
  ReportFilterSchema,
  z.object({ surveyId: SlugSchema, outcome: z.enum(['nps', 'csat']).default('nps') }),
);

export const DriversSchema = z.object({
  surveyId: z.string(),
  outcome: z.enum(['nps', 'csat']),
  from: z.string(),
  to: z.string(),
  /** Responses that answered the outcome and every driver. */
  n: z.number(),
  r2: z.number().nullable(),
  drivers: z.array(
    z.object({
      driver: z.string(),
      questionId: z.string(),
      /** Relative weight: this driver's part of R². */
      importance: z.number().nullable(),
      /** importance / R². */
      share: z.number().nullable(),
      mean: z.number().nullable(),
      scale: z.number(),
      n: z.number(),
      /**
       * Against the drivers' averages: its share of R² against the average share, its mean (scaled
       * 0 to 1) against theirs; `average` within a tenth of the average share, or 2.5% of the scale
       * (DRIVER_ON_AVERAGE). Null without a share or a mean.
       */
      position: z
        .object({
          importance: z.enum(['above', 'average', 'below']),
          performance: z.enum(['above', 'average', 'below']),
        })
        .nullable(),
      /** Null on an average line (`position` says which) as without a share or a mean: no direction to claim. */
      quadrant: z.enum(['fix first', 'keep up', 'watch', 'over-invested']).nullable(),
    }),
  ),
});
export type Drivers = z.infer<typeof DriversSchema>;

export const ThemesSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Text answers read (the most recent, up to a limit). */
  comments: z.number(),
  themes: z.array(
    z.object({
      theme: z.string(),
      count: z.number(),
      share: z.number(),
      /** Mean NPS of the responses that mention it (null when none had an NPS). */
      meanNps: z.number().nullable(),
      meanCsat: z.number().nullable(),
      /** How many of those responses had an NPS, a CSAT: what each mean rests on. */
      npsAnswers: z.number().optional(),
      csatAnswers: z.number().optional(),
      /** Mean sentiment of the comments' words, −1 (negative) to 1 (positive). */
      sentiment: z.number(),
      /**
       * Never against the scores of those who raised it: from their average NPS (below 7 negative, 9
       * or more positive) or CSAT (below 3, 4 or more), the one more of them answered, 2 answers at
       * least; else from the words (`sentiment` below −0.05, above 0.05). `toneFrom` says which.
       */
      tone: z.enum(['negative', 'neutral', 'positive']),
      toneFrom: z.enum(['nps', 'csat', 'words']),
      /** The tone of the words alone, which the scores may overrule. */
      wordsTone: z.enum(['negative', 'neutral', 'positive']),
      examples: z.array(z.string()),
    }),
  ),
});
export type Themes = z.infer<typeof ThemesSchema>;

export const DigestQuerySchema = z.object({
  /** The last day of the week in review (default: today). */
  to: z.iso.date().optional(),
  format: z.enum(['json', 'markdown', 'html']).default('json'),
});
