import { defineConfig } from 'vitest/config';

// The whole suite runs once per database: SQLite always, PostgreSQL when DATABASE_URL is set.
const databases = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

/**
 * The suites that also run against the Worker build on workerd (miniflare) with D1: the HTTP
 * contract, ingest, the admin write paths (each must be batch-shaped there), and the edge's own
 * (assets, cron, D1 batches). Left out: suites that build the app in Node themselves or record
 * its reads (reports but the digest, live, auth).
 */
const EDGE_SUITES = [
  'src/contract/api-client.test.ts',
  'src/contract/malformed.test.ts',
  'src/contract/durability.test.ts',
  'src/ingest/*.test.ts',
  'src/sites/*.test.ts',
  'src/surveys/*.test.ts',
  'src/followups/*.test.ts',
  'src/tokens/*.test.ts',
  'src/site-config/*.test.ts',
  'src/responses/*.test.ts',
  'src/webhooks/webhooks.test.ts',
  'src/customers/*.test.ts',
  'src/dashboard/*.test.ts',
  'src/reports/digest.test.ts',
  'src/rollups/nps-history.test.ts',
  'src/edge/*.test.ts',
];

/** The suites run a second time on SQLite through the ingest inbox. */
const INBOX_SUITES = [
  'src/contract/api-client.test.ts',
  'src/contract/malformed.test.ts',
  'src/ingest/*.test.ts',
  'src/customers/*.test.ts',
  'src/followups/*.test.ts',
  'src/live/*.test.ts',
  'src/reports/*.test.ts',
  'src/responses/*.test.ts',
  'src/rollups/*.test.ts',
  'src/site-config/*.test.ts',
  'src/webhooks/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Files share a worker's modules instead of importing the app again each (import time summed
    // over the files 112 s against 8 s; the suite 341 s against 171 to 187 s on 2 cores). Every
    // test builds its own app and database, so nothing a file sets is read by the next.
    isolate: false,
    hookTimeout: 30_000,
    projects: [
      ...databases.map((db) => ({
        extends: true as const,
        test: {
          name: db,
          include: ['src/**/*.test.ts'],
          // Several instances on one database is a PostgreSQL deployment; the inbox is SQLite's.
          // (and a spawned server reading comments off its event loop is the same on both).
          // The edge's own tests run in the edge project only.
          exclude: [
            ...(db === 'sqlite'
              ? ['src/contract/three-instances.test.ts', 'src/db/postgres-prepared.test.ts']
              : [
                  'src/themes-worker/off-loop.test.ts',
                  'src/ingest/inbox.test.ts',
                  // A SQLite plan, and a lock another process holds on a SQLite file.
                  'src/responses/filter-plan.test.ts',
                  'src/db/sqlite-locked.test.ts',
                ]),
            'src/edge/*.test.ts',
          ],
          env: { MOMENTS_TEST_DB: db },
        },
      })),
      {
        // SQLite with the ingest inbox on (MOMENTS_INBOX_MAX > 0): the suites that write responses
        // and read what they made, through an inbox folded behind each 202.
        extends: true as const,
        test: {
          name: 'sqlite-inbox',
          include: INBOX_SUITES,
          exclude: ['src/ingest/inbox.test.ts'],
          env: { MOMENTS_TEST_DB: 'sqlite', MOMENTS_TEST_INBOX: '1' },
        },
      },
      {
        extends: true as const,
        test: {
          name: 'edge',
          include: EDGE_SUITES,
          // Merging requests that wait together and keeping sites read are Node's: a Worker does neither.
          // SQLite's inbox is Node's too: D1 writes each response whole before its 202.
          exclude: [
            'src/ingest/coalesce.test.ts',
            'src/sites/kept-sites.test.ts',
            'src/ingest/inbox.test.ts',
            'src/responses/filter-plan.test.ts',
          ],
          globalSetup: ['src/testing/edge-global-setup.ts'],
          env: { MOMENTS_TEST_DB: 'edge' },
        },
      },
    ],
  },
});
