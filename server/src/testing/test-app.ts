import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import { createFailedAuthThrottle } from '../auth/failed-auth-throttle.js';
import type { Db } from '../db/index.js';
import { createPostgresDb } from '../db/postgres.js';
import { createSqliteDb } from '../db/sqlite.js';
import { sha256Hex } from '../domain/crypto.js';
import { createClientIpReader } from '../http/forwarded.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { createInbox } from '../ingest/inbox.js';
import { resolvePublicAddresses } from '../webhooks/target.js';

export const ADMIN_TOKEN = 'test-admin-token';
export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };

/**
 * Which database this run of the suite uses (the vitest project sets it); `edge` is the Worker
 * build on workerd (miniflare) with D1.
 */
export const testDbKind = (process.env.MOMENTS_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres' | 'edge';

/** What the tests use of the app: requests (on the edge, through workerd), and its routes where it runs in Node. */
export type TestAppHandle = Pick<ReturnType<typeof createApp>, 'request' | 'routes'>;

type TestAppOptions = {
  rateLimit?: number;
  heartbeatMs?: number;
  trustProxy?: boolean;
  proxyHops?: number;
  authFailures?: number;
  /** Tests send webhooks to loopback receivers; the ones that check the refusal pass false. */
  webhookAllowPrivate?: boolean;
  rotationGraceMs?: number;
  /**
   * SQLite: new responses through the inbox, folded behind the 202 (MOMENTS_INBOX_MAX > 0); by
   * default as the run says (MOMENTS_TEST_INBOX=1: the sqlite-inbox project), else whole at the 202.
   */
  inbox?: boolean;
  /** SQLite's inbox: false folds only on a drain or past `inboxMax` (responses held waiting). */
  inboxFolds?: boolean;
  inboxMax?: number;
};

/** The Worker build on workerd with a fresh D1; the options become the Worker's settings. */
async function openEdge(opts: TestAppOptions) {
  const { openEdgeApp } = await import('./edge-app.js');
  const vars: Record<string, string> = {
    MOMENTS_ADMIN_TOKEN: ADMIN_TOKEN,
    MOMENTS_RATE_LIMIT: String(opts.rateLimit ?? 100_000),
    MOMENTS_AUTH_FAILURES: String(opts.authFailures ?? 10_000),
    MOMENTS_TRUST_PROXY: String(opts.proxyHops ?? (opts.trustProxy ? 1 : 0)),
  };
  if (opts.webhookAllowPrivate ?? true) vars.MOMENTS_WEBHOOK_ALLOW_PRIVATE = '1';
  if (opts.rotationGraceMs !== undefined)
    vars.MOMENTS_ROTATION_GRACE_HOURS = String(opts.rotationGraceMs / 3_600_000);
  if (opts.heartbeatMs !== undefined) vars.MOMENTS_STREAM_HEARTBEAT_MS = String(opts.heartbeatMs);
  const edge = await openEdgeApp(vars);
  const app: TestAppHandle = {
    request: ((input: string, init?: RequestInit) => edge.request(input, init)) as TestAppHandle['request'],
    get routes(): TestAppHandle['routes'] {
      throw new Error('app.routes: on the edge project the app runs inside workerd');
    },
  };
  return { app, db: edge.db, close: edge.close, mf: edge.mf };
}

/**
 * A database that is down: PostgreSQL on a port nobody listens on, or a SQLite file whose
 * connection closed. What removes it is pushed on `cleanups`.
 */
export async function openDeadDb(cleanups: (() => unknown)[]): Promise<Db> {
  if (testDbKind === 'postgres') {
    const db = await createPostgresDb('postgres://postgres@127.0.0.1:1/test');
    cleanups.push(() => db.close().catch(() => undefined));
    return db;
  }
  const dir = mkdtempSync(join(tmpdir(), 'moments-dead-'));
  const db = createSqliteDb(join(dir, 'moments.sqlite'));
  await db.migrate();
  await db.close();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return db;
}

/** A fresh, migrated database: a temp SQLite file, or a schema of its own on DATABASE_URL. */
export async function createTestDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (testDbKind === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error(
        'MOMENTS_TEST_DB=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
      );
    const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const db = await createPostgresDb(url, { schema, max: 5 });
    await db.migrate();
    return {
      db,
      drop: async () => {
        await db.run(`DROP SCHEMA "${schema}" CASCADE`);
        await db.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'moments-test-'));
  const db = createSqliteDb(join(dir, 'moments.sqlite'));
  await db.migrate();
  return {
    db,
    drop: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app in this process on a fresh SQLite or PostgreSQL database; `reads` collects every read it makes. */
async function openNode(opts: TestAppOptions, reads: string[]) {
  const { db, drop } = await createTestDb();
  // Every read the app makes, so a test can tell which tables a report read (rollups or answers).
  const watched = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'all' && key !== 'get') return typeof value === 'function' ? value.bind(target) : value;
      return (sql: string, params?: never[]) => {
        reads.push(sql);
        return value.call(target, sql, params);
      };
    },
  });
  const inbox =
    testDbKind === 'sqlite' && (opts.inbox ?? process.env.MOMENTS_TEST_INBOX === '1')
      ? await createInbox(db, { maxBacklog: opts.inboxMax ?? 200_000, foldInBackground: opts.inboxFolds })
      : undefined;
  const app = createApp({
    db: watched,
    inbox,
    adminTokenHash: await sha256Hex(ADMIN_TOKEN),
    rateLimiter: createRateLimiter(opts.rateLimit ?? 100_000),
    // x-test-ip stands for the socket's address; with proxyHops, X-Forwarded-For is read as in production.
    getClientIp: createClientIpReader(opts.proxyHops ?? 0, (c) => c.req.header('x-test-ip')),
    streamHeartbeatMs: opts.heartbeatMs,
    failedAuthThrottle: createFailedAuthThrottle(db, opts.authFailures ?? 10_000),
    rotationGraceMs: opts.rotationGraceMs,
    webhookAllowPrivate: opts.webhookAllowPrivate ?? true,
    checkWebhookTarget: resolvePublicAddresses,
    trustProxy: opts.trustProxy,
  });
  const handle: TestAppHandle = app;
  const close = async () => {
    await inbox?.stop();
    await drop();
  };
  return { app: handle, db, close, mf: undefined, inbox };
}

/** An app on a fresh database, with helpers that speak JSON through app.request(). */
export async function createTestApp(opts: TestAppOptions = {}) {
  const reads: string[] = [];
  const { app, db, close, mf, inbox } =
    testDbKind === 'edge' ? { ...(await openEdge(opts)), inbox: undefined } : await openNode(opts, reads);
  /** Folds every response accepted so far (SQLite's inbox; a no-op elsewhere). */
  const drain = async () => inbox?.drain();
  // What a test reads of the tables directly includes every response accepted before (as every
  // authenticated request does); `rawDb` reads them as they are, the inbox's rows still waiting.
  const tables: Db = inbox
    ? new Proxy(db, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== 'all' && key !== 'get' && key !== 'run')
            return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            await drain();
            return value.apply(target, args);
          };
        },
      })
    : db;
  async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body =
        typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  }
  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(method, path, body, { ...ADMIN, ...headers });

  async function createSite(body: Record<string, unknown> = {}) {
    const r = await admin('POST', '/v1/sites', { name: 'Test shop', ...body });
    if (r.status !== 201) throw new Error(`createSite: ${r.status} ${r.text}`);
    return r.json as { id: string; publicKey: string; secret: string };
  }

  async function createSurvey(siteId: string, body: Record<string, unknown> = {}) {
    const r = await admin('POST', `/v1/sites/${siteId}/surveys`, { ...NPS_SURVEY, ...body });
    if (r.status !== 201) throw new Error(`createSurvey: ${r.status} ${r.text}`);
    return r.json as { id: string };
  }

  /** Row counts of every data table: what "nothing changed" is checked against (one statement: one round trip to D1). */
  async function countRows() {
    await drain();
    const tables = [
      'sites',
      'surveys',
      'customers',
      'responses',
      'answers',
      'displays',
      'events',
      'tokens',
      'followups',
    ];
    const row = await db.get<Record<string, number | string>>(
      `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    return Object.fromEntries(tables.map((t) => [t, Number(row![t])]));
  }

  /** The statements read while fn ran. */
  async function readsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    if (testDbKind === 'edge')
      throw new Error('readsDuring: on the edge project the app reads inside workerd');
    const start = reads.length;
    await fn();
    return reads.slice(start);
  }

  /** The tables named after FROM or JOIN in the reads made while fn ran. */
  async function tablesRead(fn: () => Promise<unknown>): Promise<Set<string>> {
    return new Set(
      (await readsDuring(fn)).flatMap((sql) =>
        [...sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)/gi)].map((m) => m[1]!),
      ),
    );
  }

  return {
    app,
    db: tables,
    rawDb: db,
    request,
    admin,
    createSite,
    createSurvey,
    countRows,
    drain,
    readsDuring,
    tablesRead,
    /** The miniflare running the Worker (edge project only). */
    mf,
    close,
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export const NPS_SURVEY = {
  id: 'checkout-nps',
  name: 'After checkout',
  moment: 'checkout_completed',
  questions: [
    { id: 'nps', type: 'nps', text: 'How likely are you to recommend us?' },
    { id: 'csat', type: 'csat', text: 'How satisfied are you?', required: false },
    { id: 'ces', type: 'ces', text: 'How easy was it?', required: false },
    { id: 'speed', type: 'rating', text: 'Rate delivery speed', scale: 5, driver: 'speed', required: false },
    {
      id: 'channel',
      type: 'choice',
      text: 'Where did you hear of us?',
      options: [
        { id: 'web', label: 'Web' },
        { id: 'friend', label: 'A friend' },
      ],
      required: false,
    },
    {
      id: 'why',
      type: 'text',
      text: 'What should we improve?',
      required: false,
      showIf: { questionId: 'nps', op: 'lte', value: 6 },
    },
  ],
};

let seq = 0;
/** A valid response to NPS_SURVEY; pass fields to change. */
export function makeResponse(over: Record<string, unknown> = {}) {
  seq++;
  return {
    id: `resp-${Date.now().toString(36)}-${seq.toString().padStart(6, '0')}`,
    surveyId: 'checkout-nps',
    answers: [{ questionId: 'nps', value: 9 }],
    anonymousId: `anon-${seq}`,
    moment: 'checkout_completed',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...over,
  };
}
