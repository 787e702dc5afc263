import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CRM_HOSTS, EXTENSION_BUILD, openBadgeShadowRoots } from './extension.js';

/** The add-on's id (wxt.config.ts) and the internal UUID we pin for it, so its pages have a known URL. */
const ADDON_ID = 'agent@moments.example';
export const ADDON_UUID = '6f1c2a9e-3b7d-4e21-9c55-0d4f8a7b1e42';

/** Debian's Firefox ESR, or FIREFOX_PATH; a test fails saying how to install it, never skips. */
export function findFirefox(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path))
    throw new Error(`No Firefox at ${path}: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  return path;
}

/**
 * Firefox ESR driven over WebDriver BiDi (puppeteer-core 24: 25 needs Node 22), with the Firefox
 * build of the extension installed as a temporary add-on. No host is granted up front: the
 * options page asks, and the pref below makes Firefox grant what is asked (it cannot click a
 * prompt headless). The fixture help desks' host names resolve to loopback.
 */
export async function launchFirefoxWithExtension() {
  const build = join(EXTENSION_BUILD, '../firefox-mv3');
  if (!existsSync(join(build, 'manifest.json'))) throw new Error('Build the extension first: pnpm build');
  const dir = mkdtempSync(join(tmpdir(), 'moments-ff-'));
  const extDir = join(dir, 'ext');
  cpSync(build, extDir, { recursive: true });
  openBadgeShadowRoots(extDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: join(dir, 'profile'),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextOptionalPermissionPrompts': false,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      'network.dns.localDomains': CRM_HOSTS.join(','),
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const id = await browser.installExtension(extDir);
  return {
    browser,
    id,
    optionsUrl: `moz-extension://${ADDON_UUID}/options.html`,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
