import { resolve } from 'node:path';
import { readSettings } from './settings.js';

/** About 5 s of folding at the rate measured here (README, Benchmarks). */
const DEFAULT_INBOX_MAX = 200_000;

function readInboxMax(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_INBOX_MAX;
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
     * On SQLite, responses accepted and not yet folded past which an ingest request waits for the
     * fold (ingest/inbox.ts); MOMENTS_INBOX_MAX=0 folds each before its 202 (no inbox).
     */
    inboxMax: readInboxMax(env.MOMENTS_INBOX_MAX),
    ...readSettings(env),
  };
}
export type Config = ReturnType<typeof readConfig>;
