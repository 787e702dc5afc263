import { storage } from 'wxt/utils/storage';

export type Settings = {
  /** The Moments server, e.g. https://moments.example.com */
  serverUrl: string;
  /** An agent token (mat_…): the background worker alone reads it. */
  token: string;
  /** Adapters the agent turned on (their hosts are granted at runtime). */
  enabledSites: string[];
  /** Extra origins for the generic adapter (https://crm.example.com). */
  customOrigins: string[];
  /** CSS selectors whose text or mailto link names a customer, on any enabled page. */
  selectors: string[];
  /** The agent's own addresses: never looked up or badged (the page's user menu adds to these). */
  agentEmails: string[];
  /** The company's own mail domains (support@, colleagues): never looked up or badged. */
  companyDomains: string[];
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: {
    serverUrl: '',
    token: '',
    enabledSites: [],
    customOrigins: [],
    selectors: [],
    agentEmails: [],
    companyDomains: [],
  },
});

/** A match pattern for an origin the agent typed (`https://crm.example.com:8443` → `https://crm.example.com/*`). */
export function originToPattern(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}
