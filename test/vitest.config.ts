import { defineConfig } from 'vitest/config';

// Browser suites: one file at a time (Chromium and the server share two cores).
export default defineConfig({
  test: { include: ['e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 90_000, fileParallelism: false },
});
