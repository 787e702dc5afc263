import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './browser.js';

export const EXTENSION_BUILD = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../extension/.output/chrome-mv3',
);

/** The fixture CRMs' hosts, answered by the fixture server on loopback (Chromium's resolver rules). */
export const CRM_HOSTS = [
  'acme.zendesk.com',
  'acme.lightning.force.com',
  'app.hubspot.com',
  'app.intercom.com',
  'acme.freshdesk.com',
  'crm.example.test',
];

/**
 * The badge's shadow root is closed, so that a page script cannot read the panel; Playwright
 * cannot see into a closed root either. The test copy opens it (the only other change); one test
 * runs the build as shipped and checks that the page cannot reach in.
 */
export function openBadgeShadowRoots(extDir: string) {
  const file = join(extDir, 'crm.js');
  const code = readFileSync(file, 'utf8');
  const patched = code.replace(/attachShadow\(\{mode:(["'`])closed\1\}\)/, 'attachShadow({mode:"open"})');
  if (patched === code) throw new Error('crm.js: the badge shadow root was not found to open for the test');
  writeFileSync(file, patched);
}

/**
 * Chromium with the built extension loaded unpacked. `grant` lists host patterns to hold at
 * install: headless Chromium cannot click "Allow" on a permission prompt, so the test copy of the
 * build declares them as granted (the only change), and the options page then finds them held.
 */
export async function launchWithExtension(grant: string[], o: { closedShadow?: boolean } = {}) {
  if (!existsSync(join(EXTENSION_BUILD, 'manifest.json')))
    throw new Error('Build the extension first: pnpm build');
  const dir = mkdtempSync(join(tmpdir(), 'moments-ext-'));
  const extDir = join(dir, 'ext');
  cpSync(EXTENSION_BUILD, extDir, { recursive: true });
  const manifestPath = join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (grant.length) manifest.host_permissions = grant;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  if (!o.closedShadow) openBadgeShadowRoots(extDir);
  const context: BrowserContext = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      `--host-resolver-rules=${CRM_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // A new install opens its options page by itself: wait for it, so no test races that navigation.
  // (Polled: a new tab's URL is still blank when its 'page' event fires.)
  const isOptions = (p: Page) => p.url().endsWith('/options.html');
  let optionsPage = context.pages().find(isOptions);
  for (let i = 0; !optionsPage && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    optionsPage = context.pages().find(isOptions);
  }
  await optionsPage?.waitForLoadState();
  return {
    context,
    extensionId,
    /** The options page the install opened (as a new user finds it). */
    optionsPage,
    worker: () => context.serviceWorkers()[0] ?? worker,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
