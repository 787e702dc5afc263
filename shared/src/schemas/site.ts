import { z } from 'zod';

/** How often any one customer may be asked, across all surveys of a site. */
export const ContactPolicySchema = z.object({
  /** Days after a survey was shown to a customer before any survey may be shown again. */
  recontactDays: z.number().int().min(0).max(365).default(14),
  /** Surveys a customer may be shown in a rolling 30 days (0 = no cap beyond recontactDays). */
  maxPerMonth: z.number().int().min(0).max(100).default(0),
});
export type ContactPolicy = z.infer<typeof ContactPolicySchema>;

/**
 * Which answers open a follow-up: an answer at or below each maximum (−1 or 0 turns a metric off).
 * CES is CES 2.0, higher is easier, so a hard answer (1–3) is a low one.
 */
export const FollowUpRuleSchema = z.object({
  npsMax: z.number().int().min(-1).max(10).default(6),
  csatMax: z.number().int().min(0).max(5).default(2),
  cesMax: z.number().int().min(0).max(7).default(3),
});

/** Below this many answers a report flags a score as too few to trust (`insufficient`). */
export const MinSampleSchema = z.number().int().min(1).max(10_000);
export const DEFAULT_MIN_SAMPLE = 30;
export type FollowUpRule = z.infer<typeof FollowUpRuleSchema>;
export const DEFAULT_FOLLOW_UP_RULE: FollowUpRule = { npsMax: 6, csatMax: 2, cesMax: 3 };

export const ThemeSchema = z.object({
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#4f46e5'),
  position: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left']).default('bottom-right'),
  mode: z.enum(['light', 'dark', 'auto']).default('auto'),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** How customer lifetime value is computed for this site (see the README for the formula). */
export const ValueSettingsSchema = z.object({
  /** Gross margin on revenue, 0..1. */
  margin: z.number().min(0).max(1).default(0.7),
  /** Yearly discount rate for future revenue, 0..1. */
  annualDiscountRate: z.number().min(0).max(1).default(0.1),
});
export type ValueSettings = z.infer<typeof ValueSettingsSchema>;
export const DEFAULT_VALUE_SETTINGS: ValueSettings = { margin: 0.7, annualDiscountRate: 0.1 };

const ORIGIN_MESSAGE = 'must be an origin such as https://shop.example.com';
/**
 * Stored as a browser sends it in `Origin` (host in lowercase, no default port), the only form the
 * allowlist's exact match can meet: `https://Shop.example.com:443` would refuse the shop itself.
 */
const OriginSchema = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, ORIGIN_MESSAGE)
  .transform((origin, ctx) => {
    try {
      return new URL(origin).origin;
    } catch {
      // A port over 65535, a host URL parsing refuses.
      ctx.addIssue({ code: 'custom', message: ORIGIN_MESSAGE });
      return z.NEVER;
    }
  });

export const SiteCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(OriginSchema).max(100).default([]),
  requireSignedIdentity: z.boolean().default(false),
  contactPolicy: ContactPolicySchema.default({ recontactDays: 14, maxPerMonth: 0 }),
  followUpRule: FollowUpRuleSchema.default(DEFAULT_FOLLOW_UP_RULE),
  minSample: MinSampleSchema.default(DEFAULT_MIN_SAMPLE),
  theme: ThemeSchema.default({ brandColor: '#4f46e5', position: 'bottom-right', mode: 'auto' }),
  valueSettings: ValueSettingsSchema.default(DEFAULT_VALUE_SETTINGS),
});
export type SiteCreate = z.infer<typeof SiteCreateSchema>;

export const SitePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    allowedOrigins: z.array(OriginSchema).max(100),
    requireSignedIdentity: z.boolean(),
    contactPolicy: ContactPolicySchema,
    followUpRule: FollowUpRuleSchema,
    minSample: MinSampleSchema,
    theme: ThemeSchema,
    valueSettings: ValueSettingsSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type SitePatch = z.infer<typeof SitePatchSchema>;

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  publicKey: z.string(),
  allowedOrigins: z.array(z.string()),
  requireSignedIdentity: z.boolean(),
  contactPolicy: ContactPolicySchema,
  followUpRule: FollowUpRuleSchema,
  minSample: MinSampleSchema,
  theme: ThemeSchema,
  valueSettings: ValueSettingsSchema,
  createdAt: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

/** The answer to POST /v1/sites: the secret is shown only here. */
export const SiteCreatedSchema = SiteSchema.extend({ secret: z.string() });
export type SiteCreated = z.infer<typeof SiteCreatedSchema>;
