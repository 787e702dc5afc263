import type { Settings } from './settings.js';
import { ADAPTERS } from './sites/index.js';

/** Whether a match pattern's scheme and host (`https://*.zendesk.com/*`) cover a URL. */
function patternCovers(pattern: string, url: URL): boolean {
  const m = pattern.match(/^(\w+):\/\/([^/]+)\//);
  if (!m || `${m[1]}:` !== url.protocol) return false;
  const host = m[2]!;
  return host.startsWith('*.') ? url.hostname.endsWith(host.slice(1)) : url.hostname === host;
}

/**
 * Whether the overlay may run on a page: a help desk the agent turned on, or exactly one of the
 * origins they added, port included. A match pattern cannot name a port, so the script the
 * browser runs for `http://localhost:8898` also runs on every other port of that host: the page
 * checks its own origin here before it reads anything.
 */
export function isEnabledPage(s: Settings, pageUrl: string | undefined): boolean {
  if (!pageUrl) return false;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return false;
  }
  const sites = ADAPTERS.filter((a) => s.enabledSites.includes(a.id));
  if (sites.some((a) => a.matches.some((p) => patternCovers(p, url)))) return true;
  return s.customOrigins.some((o) => {
    try {
      return new URL(o).origin === url.origin;
    } catch {
      return false;
    }
  });
}
