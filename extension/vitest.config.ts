import { defineConfig } from 'vitest/config';

// Adapters and overlay logic in a DOM (happy-dom: open shadow roots, computed styles from
// stylesheets, MutationObserver inside shadow roots); the real browsers run in test/e2e.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: { include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], environment: 'happy-dom' },
});
