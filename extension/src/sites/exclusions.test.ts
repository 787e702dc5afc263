import { describe, expect, it } from 'vitest';
import { buildExclusions, findAgentEmailsInChrome, isExcluded } from './exclusions.js';

describe('who is never a customer', () => {
  it("drops the agent, the agent's company domain with its subdomains, the page's and the vendor's domains", () => {
    const ex = buildExclusions({
      agentEmails: ['Sam@Acme-Corp.example', 'sam@gmail.com'],
      companyDomains: ['partner.test'],
      pageHost: 'crm.acme-crm.example',
      vendorDomains: ['zendesk.com'],
    });
    for (const e of [
      'sam@acme-corp.example',
      'x@eu.acme-corp.example',
      'y@partner.test',
      'z@acme-crm.example',
      'support@acme.zendesk.com',
    ])
      expect(isExcluded(e, ex), e).toBe(true);
    // A public mail provider is not the company: a customer on gmail.com is still a customer.
    for (const e of ['ann@gmail.com', 'bob@acme.test']) expect(isExcluded(e, ex), e).toBe(false);
    expect(isExcluded('sam@gmail.com', ex)).toBe(true);
  });

  it('drops role addresses of a team (support@, noreply@) wherever they are', () => {
    const ex = buildExclusions({ agentEmails: [], companyDomains: [], pageHost: '127.0.0.1' });
    expect(isExcluded('support@shop.example', ex)).toBe(true);
    expect(isExcluded('no-reply@shop.example', ex)).toBe(true);
    expect(isExcluded('supporter@shop.example', ex)).toBe(false);
  });

  it("reads the agent from the app's banner, navigation and user menu, not from a record's own header", () => {
    document.body.innerHTML = `<header>me@acme.example</header>
      <div class="user-menu">also.me@acme.example</div>
      <main><article><header>Customer: ann@acme.test</header></article></main>
      <p>Logged in as <b>third.me@acme.example</b></p>`;
    expect(findAgentEmailsInChrome(document, { banner: true }).sort()).toEqual(
      ['also.me@acme.example', 'me@acme.example', 'third.me@acme.example'].sort(),
    );
    // On a help desk's page only its user menu counts: a record may put its customer in a header.
    expect(findAgentEmailsInChrome(document, { banner: false }).sort()).toEqual(
      ['also.me@acme.example', 'third.me@acme.example'].sort(),
    );
  });
});
