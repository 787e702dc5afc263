import { z } from 'zod';
import { SCALE_RANGES } from '../metrics/scales.js';
import { LocaleSchema, MomentSchema, SlugSchema } from './common.js';

/** Show a question only when an earlier answer meets a condition. */
export const ShowIfSchema = z.object({
  questionId: SlugSchema,
  op: z.enum(['lte', 'gte', 'eq', 'neq', 'in']),
  value: z.union([z.number(), z.string(), z.array(z.union([z.string(), z.number()])).max(50)]),
});
export type ShowIf = z.infer<typeof ShowIfSchema>;

const questionBase = {
  id: SlugSchema,
  text: z.string().trim().min(1).max(500),
  required: z.boolean().default(true),
  showIf: ShowIfSchema.optional(),
};

const ChoiceOptionSchema = z.object({ id: SlugSchema, label: z.string().trim().min(1).max(200) });

export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('nps') }),
  z.object({ ...questionBase, type: z.literal('csat') }),
  z.object({ ...questionBase, type: z.literal('ces') }),
  z.object({
    ...questionBase,
    type: z.literal('rating'),
    scale: z.number().int().min(2).max(10).default(5),
    driver: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, 'must be 1 to 40 of a-z, 0-9, _')
      .optional(),
  }),
  z.object({
    ...questionBase,
    type: z.literal('choice'),
    options: z.array(ChoiceOptionSchema).min(2).max(20),
    multiple: z.boolean().default(false),
  }),
  z.object({
    ...questionBase,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(5000).default(2000),
  }),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];

/** The range of a numeric question's answers. */
export function getQuestionRange(q: Question): [number, number] | undefined {
  switch (q.type) {
    case 'nps':
    case 'csat':
    case 'ces':
      return [...SCALE_RANGES[q.type]];
    case 'rating':
      return [1, q.scale];
    default:
      return undefined;
  }
}

const UrlRuleSchema = z.object({
  match: z.enum(['exact', 'contains', 'regex']),
  value: z.string().min(1).max(500),
});
/** A rule on the page URL: exact (URL or path), contains, or a regular expression. */
export type UrlRule = z.infer<typeof UrlRuleSchema>;

export const TriggerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('event'),
    /** The tracked event; the survey's moment when omitted. */
    event: MomentSchema.optional(),
    props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  }),
  z.object({ type: z.literal('pageview'), url: UrlRuleSchema }),
  z.object({ type: z.literal('click'), selector: z.string().min(1).max(300) }),
  z.object({ type: z.literal('exit_intent') }),
  z.object({ type: z.literal('scroll'), percent: z.number().int().min(1).max(100) }),
  z.object({ type: z.literal('time_on_page'), seconds: z.number().int().min(1).max(3600) }),
]);
export type Trigger = z.infer<typeof TriggerSchema>;

export const TargetingSchema = z.object({
  sampleRate: z.number().min(0).max(1).default(1),
  urls: z.array(UrlRuleSchema).max(20).default([]),
  locales: z.array(LocaleSchema).max(50).default([]),
});

export const FrequencySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('once') }),
  z.object({ type: z.literal('until_answered') }),
  z.object({ type: z.literal('every'), days: z.number().int().min(1).max(3650) }),
]);
export type Frequency = z.infer<typeof FrequencySchema>;

const TranslationSchema = z.object({
  title: z.string().max(200).optional(),
  thanks: z.string().max(500).optional(),
  questions: z
    .record(
      SlugSchema,
      z.object({
        text: z.string().max(500).optional(),
        options: z.record(SlugSchema, z.string().max(200)).optional(),
      }),
    )
    .default({}),
});

const surveyFields = {
  name: z.string().trim().min(1).max(200),
  moment: MomentSchema,
  status: z.enum(['active', 'paused', 'draft']).default('active'),
  title: z.string().max(200).optional(),
  thanks: z.string().max(500).optional(),
  questions: z.array(QuestionSchema).min(1).max(10),
  trigger: TriggerSchema.default({ type: 'event' }),
  delaySeconds: z.number().int().min(0).max(600).default(0),
  targeting: TargetingSchema.default({ sampleRate: 1, urls: [], locales: [] }),
  frequency: FrequencySchema.default({ type: 'until_answered' }),
  priority: z.number().int().min(0).max(1000).default(0),
  defaultLocale: LocaleSchema.default('en'),
  translations: z.record(LocaleSchema, TranslationSchema).default({}),
};

function checkQuestions(
  s: { questions: Question[]; translations?: Record<string, { questions: Record<string, unknown> }> },
  ctx: z.RefinementCtx,
) {
  const seen = new Set<string>();
  s.questions.forEach((q, i) => {
    if (seen.has(q.id))
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'duplicate question id' });
    if (q.showIf && !seen.has(q.showIf.questionId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions', i, 'showIf', 'questionId'],
        message: 'showIf must name an earlier question',
      });
    }
    seen.add(q.id);
  });
}

export const SurveyCreateSchema = z
  .object({ id: SlugSchema.optional(), ...surveyFields })
  .superRefine(checkQuestions);
export type SurveyCreate = z.infer<typeof SurveyCreateSchema>;

export const SurveyUpdateSchema = z.object(surveyFields).superRefine(checkQuestions);
export type SurveyUpdate = z.infer<typeof SurveyUpdateSchema>;

export const SurveySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  ...surveyFields,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof SurveySchema>;
