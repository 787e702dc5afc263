import { describe, expect, it } from 'vitest';
import { type Customer, hubspotContact, hubspotIndex } from '../../../test/support/crm-pages/index.js';
import { afterPaint, describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const dan: Customer = { id: 'dan', name: 'Dan Dunn', email: 'dan@acme.test' };
const eve: Customer = { id: 'eve', name: 'Eve Ellis', email: 'eve@acme.test' };
const ORIGIN = 'https://app.hubspot.com';
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('HubSpot adapter', () => {
  it("reads property-input-email of the record's sidebar once painted, not the timeline's support address", async () => {
    const { ctx } = loadFixture(hubspotContact(dan), ORIGIN);
    expect(await findCustomers(ctx(), NONE)).toEqual([]);
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: dan.email, at: dan.email }]);
    // Even the agent's own "every email" selector drops the agent and the support team.
    const all = await findCustomers(ctx(), { ...NONE, selectors: ['[data-test-id="middle-pane"] div'] });
    expect(all.map((f) => 'email' in f.key && f.key.email)).toEqual([dan.email]);
  });

  it('badges each row of the contacts index by its Email column', async () => {
    const { ctx } = loadFixture(hubspotIndex([dan, eve]), ORIGIN);
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
      { key: dan.email, at: dan.email },
      { key: eve.email, at: eve.email },
    ]);
  });

  describe('traps', () => {
    const zed: Customer = { id: 'zed', name: 'Zed Zane', email: 'zed@acme.test' };

    it("a record's associated contacts (a table with an Email column) and a closed preview are not its customer", async () => {
      const { ctx } = loadFixture(hubspotContact(dan, 1201, { associated: [eve, zed] }), ORIGIN);
      await afterPaint();
      expect(document.body.textContent).toContain(zed.email);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: dan.email, at: dan.email }]);
    });
  });
});
