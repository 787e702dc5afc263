import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answeredAny, riskLabel } from '@moments/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../support/extension.js';
import { type Moments, startMoments } from '../support/server.js';
import { survey } from '../support/survey.js';

const shots = join(dirname(fileURLToPath(import.meta.url)), '../artifacts/extension');
mkdirSync(shots, { recursive: true });
let moments: Moments;
let ext: Awaited<ReturnType<typeof launchWithExtension>>;

beforeAll(async () => {
  moments = await startMoments({ demo: true });
  // The demo runs on loopback: the server's own origin is both the API and the demo help desk.
  ext = await launchWithExtension(['http://127.0.0.1/*']);
});

afterAll(async () => {
  await ext?.close();
  await moments?.stop();
});

describe('the extension over `pnpm demo`, as a new user tries it', () => {
  it('shows scores on /demo/crm that change live as the customer answers on the demo shop', async () => {
    // The demo prints a ready agent token and the steps to load the extension: the agent uses those.
    await expect.poll(() => moments.output()).toMatch(/Agent token (mat_\S+)/);
    const token = moments.output().match(/Agent token (mat_\S+)/)![1]!;
    expect(moments.output()).toContain('extension/.output/chrome-mv3');
    expect(moments.output()).toContain('Load Temporary Add-on');
    // The options page the install opened, as a new user finds it.
    const options = ext.optionsPage!;
    await options.getByLabel('Moments server').fill(moments.url);
    await options.getByLabel('Agent token').fill(token);
    await options.getByRole('button', { name: 'Save and check' }).click();
    await expect.poll(() => options.getByRole('status').first().textContent()).toContain('Connected');
    await options.getByLabel('Add a page origin').fill(moments.url);
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => options.getByRole('listitem').count()).toBe(1);

    const crm = await ext.context.newPage();
    await crm.goto(`${moments.url}/demo/crm`);
    const firstRow = crm.locator('tbody tr').first();
    const email = (await firstRow.locator('td.email').textContent())!.trim();
    const badge = firstRow.locator('moments-badge button.badge');
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toMatch(/^NPS \d+$/);
    const before = Number((await badge.textContent())!.split(' ')[1]);
    const expected = before <= 5 ? 10 : 0;
    await crm.screenshot({ path: join(shots, 'demo-crm-before.png') });

    const shop = await ext.context.newPage();
    await shop.goto(`${moments.url}/demo/shop?as=${encodeURIComponent(email)}`);
    await shop.getByRole('button', { name: 'NPS survey' }).click();
    await survey(shop)
      .getByRole('radio', { name: new RegExp(`^${expected}\\b`) })
      .click();
    await survey(shop).getByRole('button', { name: 'Close' }).click();

    await expect.poll(() => badge.textContent(), { timeout: 10_000, interval: 100 }).toBe(`NPS ${expected}`);
    await crm.bringToFront();
    await badge.click();
    expect(await crm.getByRole('dialog').textContent()).toContain(email);
    await crm.screenshot({ path: join(shots, 'demo-crm-after.png') });
  });

  it("says each customer's risk in the dashboard's words: 'No answers yet' for one who never answered, not 'risk: none'", async () => {
    // The extension was set up by the first test, as a new user does once.
    const crm = await ext.context.newPage();
    await crm.goto(`${moments.url}/demo/crm`);
    const seen = new Set<string>();
    for (const row of await crm.locator('tbody tr').all()) {
      const email = (await row.locator('td.email').textContent())!.trim();
      const badge = row.locator('moments-badge button.badge');
      await expect.poll(() => badge.textContent(), { timeout: 15_000 }).not.toBe('…');
      await badge.click();
      const dialog = row.locator('moments-badge [role=dialog]');
      const label = (await dialog.locator('.risk').first().textContent())!.trim();
      // The dashboard's label for the same lookup (its profile and list use riskLabel too).
      const l = await moments.admin.lookupCustomer({ email, site: 'site_demo' });
      expect(label, email).toBe(riskLabel(l.risk, answeredAny(l.latest)));
      expect(await badge.getAttribute('aria-label'), email).not.toMatch(/risk (none|high|watch)/);
      seen.add(label);
      await crm.keyboard.press('Escape');
    }
    // The demo help desk has customers at risk and one who never answered.
    expect([...seen]).toEqual(expect.arrayContaining(['At risk', 'No answers yet']));
    await crm.screenshot({ path: join(shots, 'demo-crm-risk-words.png') });
    await crm.close();
  });

  it('fits a phone: the demo help desk and the signed-in shop never scroll sideways at 390 px', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    for (const path of ['/demo/crm', '/demo/shop?as=customer1%40example.com']) {
      await page.goto(`${moments.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      // Every button inside its card.
      const outside = await page.evaluate(
        () =>
          [...document.querySelectorAll('button')].filter((b) => b.getBoundingClientRect().right > innerWidth)
            .length,
      );
      expect(outside, path).toBe(0);
    }
    await page.close();
  });
});
