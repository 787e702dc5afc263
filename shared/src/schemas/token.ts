import { z } from 'zod';

export const TokenCreateSchema = z.object({
  role: z.literal('agent'),
  name: z.string().trim().min(1).max(200),
  siteIds: z.array(z.string().min(1).max(64)).min(1).max(100),
});
export type TokenCreate = z.infer<typeof TokenCreateSchema>;

export const TokenCreatedSchema = z.object({
  id: z.string(),
  token: z.string(),
  role: z.literal('agent'),
  name: z.string(),
  siteIds: z.array(z.string()),
});

/** An agent token as listed (never the token itself). */
export const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  siteIds: z.array(z.string()),
  createdAt: z.string(),
});
export const TokenListSchema = z.object({ tokens: z.array(TokenSchema) });

/**
 * GET /v1/me: who a token is. `companyDomains` are the mail domains of the origins its sites allow:
 * the company's own, which the extension never looks up or badges (a colleague, the support team).
 */
export const MeSchema = z.object({
  role: z.enum(['admin', 'agent']),
  siteIds: z.array(z.string()).nullable(),
  companyDomains: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /app/session: the dashboard's sign-in with the admin token. */
export const SessionCreateSchema = z.object({ token: z.string().trim().min(1).max(500) });
/** Whether the dashboard's session cookie is signed in. */
export const SessionStateSchema = z.object({ signedIn: z.boolean() });

/** POST /v1/admin-token/rotate: the new admin token, shown only here. */
export const AdminTokenRotatedSchema = z.object({ token: z.string() });

/** POST /v1/sites/{id}/rotate-secret: the new secret (shown only here); the old one verifies until `previousSecretValidUntil`. */
export const SiteSecretRotatedSchema = z.object({
  id: z.string(),
  secret: z.string(),
  previousSecretValidUntil: z.string(),
});

/** POST /v1/sites/{id}/rotate-key: the new public key; the old one serves until `previousPublicKeyValidUntil`. */
export const SiteKeyRotatedSchema = z.object({
  id: z.string(),
  publicKey: z.string(),
  previousPublicKeyValidUntil: z.string(),
});
