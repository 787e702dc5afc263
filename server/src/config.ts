import { resolve } from 'node:path';
import { readSettings } from './settings.js';

function readInboxMax(value: string | undefined): number {
  // Off unless asked for: it takes bursts faster and sustains less (README, Benchmarks).
  if (value === undefined || value === '') return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`MOMENTS_INBOX_MAX must be a whole number, not ${value}`);
  return n;
}

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
    /**
     * On SQLite, new responses go through the inbox (ingest/inbox.ts) and past this many waiting to
     * be folded an ingest request waits for the fold; 0 (the default): no inbox, each response
     * whole before its 202.
     */
    inboxMax: readInboxMax(env.MOMENTS_INBOX_MAX),
    ...readSettings(env),
  };
}
export type Config = ReturnType<typeof readConfig>;
