import { defineConfig } from 'vitest/config';

// The whole suite runs once per database: SQLite always, PostgreSQL when DATABASE_URL is set.
const databases = ['sqlite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: databases.map((db) => ({
      extends: true,
      test: {
        name: db,
        include: ['src/**/*.test.ts'],
        // Several instances on one database is a PostgreSQL deployment.
        exclude: db === 'sqlite' ? ['src/contract/three-instances.test.ts'] : [],
        env: { MOMENTS_TEST_DB: db },
      },
    })),
  },
});
