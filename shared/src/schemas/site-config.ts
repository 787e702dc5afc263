import { z } from 'zod';
import { ContactPolicySchema, ThemeSchema } from './site.js';
import { SurveySchema } from './survey.js';

/** What GET /v1/sites/{siteKey}/config answers: all the widget needs to decide and render. */
export const SiteConfigSchema = z.object({
  site: z.object({ publicKey: z.string(), theme: ThemeSchema, requireSignedIdentity: z.boolean() }),
  contactPolicy: ContactPolicySchema,
  surveys: z.array(
    SurveySchema.omit({ siteId: true, createdAt: true, updatedAt: true, status: true, name: true }),
  ),
  /** Survey ids the verified customer may be shown now; absent for anonymous visitors. */
  eligible: z.array(z.string()).optional(),
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;
