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

/** POST /app/session: the dashboard's sign-in with the admin token. */
export const SessionCreateSchema = z.object({ token: z.string().trim().min(1).max(500) });
