import { describe, expect, it } from 'vitest';
import { type Customer, FD_TRAP_PEOPLE, freshdeskTicket } from '../../../test/support/crm-pages/index.js';
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

  describe('traps', () => {
    const ORIGIN = 'https://acme-corp.freshdesk.com';

    it('with the API, the requester only, among CCs, a colleague and a signed request', async () => {
      const { ctx } = loadFixture(freshdeskTicket(fay, 42, { traps: true }), ORIGIN);
      for (const p of Object.values(FD_TRAP_PEOPLE)) expect(document.body.innerHTML).toContain(p.email);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: fay.email, at: fay.name }]);
    });

    it("without the API, reads the contact widget's email, never the CC line or the email a request is signed with", async () => {
      const f = freshdeskTicket(fay, 42, { traps: true });
      const { ctx } = loadFixture({ ...f, api: {} }, ORIGIN);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: fay.email, at: fay.email }]);
    });

    it('when the URL names the next ticket while the page still shows this one, badges no one', async () => {
      const f = freshdeskTicket(fay, 42, { traps: true });
      const { ctx } = loadFixture({ ...f, api: {} }, ORIGIN);
      (window as unknown as { happyDOM: { setURL: (u: string) => void } }).happyDOM.setURL(
        `${ORIGIN}/a/tickets/43`,
      );
      expect(document.querySelector('.breadcrumb__item.active')!.textContent).toBe('#42');
      expect(await findCustomers(ctx(), NONE)).toEqual([]);
    });
  });
});
