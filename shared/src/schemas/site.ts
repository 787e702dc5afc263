import { z } from 'zod';

/** How often any one customer may be asked, across all surveys of a site. */
export const ContactPolicySchema = z.object({
  /** Days after a survey was shown to a customer before any survey may be shown again. */
  recontactDays: z.number().int().min(0).max(365).default(14),
  /** Surveys a customer may be shown in a rolling 30 days (0 = no cap beyond recontactDays). */
  maxPerMonth: z.number().int().min(0).max(100).default(0),
});
export type ContactPolicy = z.infer<typeof ContactPolicySchema>;

/** Which answers open a follow-up. */
export const FollowUpRuleSchema = z.object({
  npsMax: z.number().int().min(-1).max(10).default(6),
  csatMax: z.number().int().min(0).max(5).default(2),
  cesMin: z.number().int().min(1).max(8).default(5),
});
export type FollowUpRule = z.infer<typeof FollowUpRuleSchema>;

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

const OriginSchema = z
  .string()
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, 'must be an origin such as https://shop.example.com');

export const SiteCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(OriginSchema).max(100).default([]),
  requireSignedIdentity: z.boolean().default(false),
  contactPolicy: ContactPolicySchema.default({ recontactDays: 14, maxPerMonth: 0 }),
  followUpRule: FollowUpRuleSchema.default({ npsMax: 6, csatMax: 2, cesMin: 5 }),
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
  theme: ThemeSchema,
  valueSettings: ValueSettingsSchema,
  createdAt: z.string(),
});
export type Site = z.infer<typeof SiteSchema>;

/** The answer to POST /v1/sites: the secret is shown only here. */
export const SiteCreatedSchema = SiteSchema.extend({ secret: z.string() });
export type SiteCreated = z.infer<typeof SiteCreatedSchema>;
