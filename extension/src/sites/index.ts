import { findBySelectors } from './find-emails.js';
import { freshdesk } from './freshdesk.js';
import { findGeneric } from './generic.js';
import { hubspot } from './hubspot.js';
import { intercom } from './intercom.js';
import { salesforce } from './salesforce.js';
import type { Found, SiteAdapter } from './types.js';
import { zendesk } from './zendesk.js';

export const ADAPTERS: SiteAdapter[] = [zendesk, salesforce, hubspot, intercom, freshdesk];

/** The adapter for a URL, by host pattern and path. */
export function getAdapter(url: URL): SiteAdapter | undefined {
  return ADAPTERS.find((a) => a.matches.some((m) => matchesHost(m, url.hostname)) && a.handles(url));
}

function matchesHost(pattern: string, host: string): boolean {
  const h = pattern.split('://')[1]!.split('/')[0]!;
  return h.startsWith('*.') ? host.endsWith(h.slice(1)) || host === h.slice(2) : host === h;
}

/**
 * The customers on a page: its CRM's adapter (plus the agent's own selectors), or the generic
 * finder on any other enabled page. One badge per element, first finder wins.
 */
export function findCustomers(doc: Document, url: URL, selectors: string[]): Found[] {
  const adapter = getAdapter(url);
  const found = adapter
    ? [...adapter.find(doc, url), ...findBySelectors(doc, selectors)]
    : findGeneric(doc, selectors);
  const seen = new Set<Element>();
  return found.filter((f) => !seen.has(f.anchor) && seen.add(f.anchor));
}
