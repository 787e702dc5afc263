import { buildExclusions, findAgentEmailsInChrome, isExcluded, withoutExcluded } from './exclusions.js';
import { findBySelectors } from './find-emails.js';
import { freshdesk } from './freshdesk.js';
import { findGeneric } from './generic.js';
import { hubspot } from './hubspot.js';
import { intercom } from './intercom.js';
import { salesforce } from './salesforce.js';
import type { Found, PageContext, PageInput, SiteAdapter } from './types.js';
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

/** What the agent set in the options: their own selectors and who is never a customer. */
export type PageConfig = { selectors: string[]; agentEmails: string[]; companyDomains: string[] };

/**
 * The customers on a page: its help desk's adapter (plus the agent's own selectors), or the
 * generic finder on any other enabled page; never the agent or the company (their addresses from
 * the options, the app's API and the page's own header or user menu). One badge per element.
 */
export async function findCustomers(input: PageInput, config: PageConfig): Promise<Found[]> {
  const adapter = getAdapter(input.url);
  // Who is excluded is known before the record is read: an adapter picking a record's one
  // customer passes over the agent (an "Email" label of the assignee) to the customer.
  const fromApi = adapter?.agentEmails
    ? await adapter.agentEmails({ ...input, excludes: () => false }).catch(() => [])
    : [];
  const exclusions = buildExclusions({
    agentEmails: [
      ...config.agentEmails,
      ...fromApi,
      ...findAgentEmailsInChrome(input.doc, { banner: !adapter }),
    ],
    companyDomains: config.companyDomains,
    pageHost: input.url.hostname,
    vendorDomains: adapter?.vendorDomains,
  });
  const ctx: PageContext = { ...input, excludes: (email) => isExcluded(email, exclusions) };
  const found = adapter
    ? [...(await adapter.find(ctx)), ...findBySelectors(ctx.doc, config.selectors)]
    : findGeneric(ctx.doc, config.selectors);
  const seen = new Set<Element>();
  return withoutExcluded(found, exclusions).filter((f) => !seen.has(f.anchor) && seen.add(f.anchor));
}
