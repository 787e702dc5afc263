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
