import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../support/browser.js';

const extDir = join(dirname(fileURLToPath(import.meta.url)), '../../extension/.output/chrome-mv3');

describe('the browser extension build', () => {
  it('loads unpacked in Chromium with its background worker and options page', async () => {
    expect(existsSync(join(extDir, 'manifest.json')), 'run `pnpm build` first').toBe(true);
    const profile = mkdtempSync(join(tmpdir(), 'moments-ext-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      expect(extensionId).toMatch(/^[a-p]{32}$/);
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      expect(await page.locator('h1').textContent()).toBe('Moments');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
