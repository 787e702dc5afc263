import { describe, expect, it } from 'vitest';
import { AGENT, type Customer, genericPage, SUPPORT_EMAIL } from '../../../test/support/crm-pages/index.js';
import { describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const C = (id: string): Customer => ({ id, name: id.toUpperCase(), email: `${id}@acme.test` });
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('generic adapter', () => {
  it('badges shown emails, in shadow roots too; never the agent, the support team or a hidden row', async () => {
    const { ctx } = loadFixture(
      genericPage([C('dan'), C('eve')], C('hid'), C('sha')),
      'https://crm.example.test',
    );
    expect(document.body.textContent).toContain(AGENT.email);
    expect(document.body.textContent).toContain(SUPPORT_EMAIL);
    expect(describeFound(await findCustomers(ctx(), NONE)).map((f) => f.key)).toEqual([
      'dan@acme.test',
      'eve@acme.test',
      'sha@acme.test',
    ]);
  });

  it("honours the options' agent addresses and company domains", async () => {
    const { ctx } = loadFixture(
      genericPage([C('dan'), { id: 'x', name: 'X', email: 'x@partner.test' }]),
      'https://crm.example.test',
    );
    const found = await findCustomers(ctx(), {
      selectors: [],
      agentEmails: ['DAN@acme.test'],
      companyDomains: ['partner.test'],
    });
    // dan's address is the agent's: its domain (acme.test) is the company's too.
    expect(found).toEqual([]);
  });
});
