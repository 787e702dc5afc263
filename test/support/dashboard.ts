import type { Page } from 'playwright-core';

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
