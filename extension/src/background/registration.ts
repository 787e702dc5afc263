import { browser } from 'wxt/browser';
import { originToPattern, type Settings } from '../settings.js';
import { ADAPTERS } from '../sites/index.js';

const SCRIPT_ID = 'moments-crm';

/** The match patterns the agent turned on: their CRMs' hosts and their own origins. */
export function getEnabledPatterns(s: Settings): string[] {
  const fromSites = ADAPTERS.filter((a) => s.enabledSites.includes(a.id)).flatMap((a) => a.matches);
  return [...new Set([...fromSites, ...s.customOrigins.map(originToPattern)])];
}

/**
 * Runs the overlay's script on exactly the enabled hosts the browser granted (a host the agent
 * turned on but then refused stays off), and injects it into tabs already open there.
 */
export async function syncContentScripts(s: Settings): Promise<string[]> {
  const granted: string[] = [];
  for (const p of getEnabledPatterns(s)) {
    if (await browser.permissions.contains({ origins: [p] })) granted.push(p);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!granted.length) return granted;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: granted, js: ['/crm.js'], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
  const tabs = await browser.tabs.query({ url: granted });
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    // A tab that already has the script ignores the second copy (the script checks for itself).
    await browser.scripting
      .executeScript({ target: { tabId: tab.id }, files: ['/crm.js'] })
      .catch(() => undefined);
  }
  return granted;
}
