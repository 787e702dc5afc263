import { describe, expect, it } from 'vitest';
import { isEnabledPage } from './page-enabled.js';
import type { Settings } from './settings.js';

const settings = (over: Partial<Settings>): Settings => ({
  serverUrl: '',
  token: '',
  enabledSites: [],
  customOrigins: [],
  selectors: [],
  agentEmails: [],
  companyDomains: [],
  ...over,
});

describe('which pages the overlay reads', () => {
  it('takes an added origin exactly, port included (a match pattern has no port)', () => {
    const s = settings({ customOrigins: ['http://localhost:8898'] });
    expect(isEnabledPage(s, 'http://localhost:8898/demo/crm')).toBe(true);
    expect(isEnabledPage(s, 'http://localhost:8897/demo/crm')).toBe(false);
    expect(isEnabledPage(s, 'https://localhost:8898/')).toBe(false);
    expect(isEnabledPage(s, undefined)).toBe(false);
  });

  it('takes the help desks turned on, on any of their hosts, and no other', () => {
    const s = settings({ enabledSites: ['zendesk'] });
    expect(isEnabledPage(s, 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
    expect(isEnabledPage(s, 'https://zendesk.com.evil.example/')).toBe(false);
    expect(isEnabledPage(s, 'https://acme.freshdesk.com/a/tickets/1')).toBe(false);
  });
});
