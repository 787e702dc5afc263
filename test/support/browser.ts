import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Chromium from CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own; never skips quietly. */
export function findChromium(): string | undefined {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  try {
    const own = chromium.executablePath();
    return existsSync(own) ? own : undefined;
  } catch {
    return undefined;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found. Install one (`apt-get install -y chromium`) or set CHROMIUM_PATH.');
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
