import { describe, expect, it } from 'vitest';
import { type Customer, freshdeskTicket } from '../../../test/support/crm-pages/index.js';
import { describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const fay: Customer = { id: 'fay', name: 'Fay Ford', email: 'fay@acme.test' };
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('Freshdesk adapter', () => {
  it("gets the requester's email from the ticket API and badges the name the page shows", async () => {
    const { ctx, asked } = loadFixture(freshdeskTicket(fay), 'https://acme-corp.freshdesk.com');
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: fay.email, at: fay.name }]);
    expect(asked).toEqual(['/api/_/tickets/42?include=requester']);
  });

  it("without the API reads the requester widget's email, never the conversation's support address", async () => {
    const f = freshdeskTicket(fay);
    const body = f.body.replace('</a></div>', `</a><span>${fay.email}</span></div>`);
    expect(body).not.toBe(f.body);
    const { ctx } = loadFixture({ ...f, body, api: {} }, 'https://acme-corp.freshdesk.com');
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
      { key: fay.email, at: `Contact details${fay.name}${fay.email}` },
    ]);
  });

  it('without the API (no access) finds nothing rather than the support address', async () => {
    const f = freshdeskTicket(fay);
    const { ctx } = loadFixture({ ...f, api: {} }, 'https://acme-corp.freshdesk.com');
    expect(await findCustomers(ctx(), NONE)).toEqual([]);
  });
});
