import { resolve } from 'node:path';
import { readSettings } from './settings.js';

/** Settings from the environment, as API.md names them: the Node server's (port, data folder) and the shared ones. */
export function readConfig(env = process.env) {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.MOMENTS_DATA ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    /** MOMENTS_PG_PREPARED=0 behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21). */
    pgPrepared: env.MOMENTS_PG_PREPARED !== '0',
    ...readSettings(env),
  };
}
export type Config = ReturnType<typeof readConfig>;
