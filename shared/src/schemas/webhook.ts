import { z } from 'zod';

export const WebhookEventSchema = z.enum([
  'response.created',
  /** A response already stored gained answers (a partial response the customer went on with) or was completed. */
  'response.updated',
  'followup.opened',
  'followup.resolved',
  'digest.weekly',
]);
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export const WebhookCreateSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(WebhookEventSchema).min(1).max(5),
  /** Signs every delivery: X-Moments-Signature: sha256=hex(HMAC-SHA256(secret, body)). */
  secret: z.string().min(16, 'use a secret of at least 16 characters').max(200),
  /** `json` (default) or `slack` (a Slack-compatible `{"text": …}` body). */
  format: z.enum(['json', 'slack']).default('json'),
});
export type WebhookCreate = z.infer<typeof WebhookCreateSchema>;

export const WebhookSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  url: z.string(),
  events: z.array(WebhookEventSchema),
  format: z.enum(['json', 'slack']),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  event: WebhookEventSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;
