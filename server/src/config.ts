import { resolve } from 'node:path';

/** Settings from the environment, as API.md names them. */
export function readConfig(env = process.env) {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.MOMENTS_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.MOMENTS_ADMIN_TOKEN || undefined,
    /** Public requests a minute per site and IP. */
    rateLimit: Number(env.MOMENTS_RATE_LIMIT ?? 600),
    /** Trust X-Forwarded-For for the client IP (behind a reverse proxy). */
    trustProxy: env.MOMENTS_TRUST_PROXY === '1',
  };
}
export type Config = ReturnType<typeof readConfig>;
