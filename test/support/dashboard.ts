import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { launchChromium } from './browser.js';
import { type Moments, signInAsAdmin, startMoments } from './server.js';

/**
 * Opens a dashboard view and waits until it has drawn: its heading, no loading state left, and no
 * reload dimming its old numbers (opacity, 0.2 s: axe would read that as low contrast).
 */
export async function openDashboardView(page: Page, baseUrl: string, path: string, heading: string) {
  await page.goto(`${baseUrl}/app${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('.state[role=status]').first().waitFor({ state: 'detached', timeout: 20_000 });
  await page.locator('.refreshing').first().waitFor({ state: 'detached', timeout: 20_000 });
}

/** A dashboard suite's server and browser; its fields are set once the suite's `beforeAll` has run. */
export type DashboardSuite = {
  moments: Moments;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** `openDashboardView` on the suite's page and server. */
  openView: (path: string, heading: string) => Promise<void>;
};

/**
 * What the dashboard suites share, their hooks registered here: the demo server (`pnpm demo`'s
 * data) and one Chromium page at `viewport`. Each test starts signed in as admin (through the
 * endpoint the sign-in form uses) at that viewport, whatever the test before it did.
 */
export function useDashboardSuite(viewport: { width: number; height: number }): DashboardSuite {
  const suite = {
    openView: (path: string, heading: string) =>
      openDashboardView(suite.page, suite.moments.url, path, heading),
  } as DashboardSuite;
  beforeAll(async () => {
    suite.moments = await startMoments({ demo: true });
    suite.browser = await launchChromium();
    suite.context = await suite.browser.newContext({ viewport });
    suite.page = await suite.context.newPage();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.moments?.stop();
  });
  beforeEach(async () => {
    expect(await signInAsAdmin(suite.context, suite.moments.url)).toBe(200);
    await suite.page.setViewportSize(viewport);
  });
  return suite;
}

/**
 * The parts of the page's stacked tables (`table.table.stack` in `main`) that do not state their
 * role: WebKit (Safari) drops a table's implicit roles once CSS displays its parts as blocks.
 */
export function findTablePartsWithoutRole(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (
      [
        ['table.table.stack', 'table'],
        ['table.table.stack > thead', 'rowgroup'],
        ['table.table.stack > tbody', 'rowgroup'],
        ['table.table.stack tr', 'row'],
        ['table.table.stack th[scope=col]', 'columnheader'],
        ['table.table.stack th[scope=row]', 'rowheader'],
        ['table.table.stack td', 'cell'],
      ] as const
    ).flatMap(([selector, role]) =>
      [...document.querySelectorAll(`main ${selector}`)]
        .filter((e) => e.getAttribute('role') !== role)
        .map((e) => `${selector} "${e.textContent?.trim().slice(0, 20)}" without role=${role}`),
    ),
  );
}
