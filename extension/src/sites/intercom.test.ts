import { describe, expect, it } from 'vitest';
import { AGENT, type Customer, intercomConversation } from '../../../test/support/crm-pages/index.js';
import { afterPaint, describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const eve: Customer = { id: 'eve', name: 'Eve Ellis', email: 'eve@acme.test' };
const fay: Customer = { id: 'fay', name: 'Fay Ford', email: 'fay@acme.test' };
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('Intercom adapter', () => {
  it('reads the Email attribute of the shown details sidebar, not the conversation or the previous one', async () => {
    const { ctx } = loadFixture(intercomConversation(eve, fay), 'https://app.intercom.com');
    expect(await findCustomers(ctx(), NONE)).toEqual([]); // the sidebar is still a skeleton
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: eve.email, at: eve.email }]);
  });

  it("passes over the assignee's Email above the customer's to the customer", async () => {
    const f = intercomConversation(eve, fay);
    const teammate = `<section><h3>Assignee</h3><div class="attribute"><span class="attribute-label">Email</span><span class="teammate-value">${AGENT.email}</span></div></section>`;
    // The app paints the sidebar late: the assignee's section comes first in what it paints.
    const script = f.script.replace(
      "side.innerHTML = '<h3>User data</h3>",
      `side.innerHTML = '${teammate}<h3>User data</h3>`,
    );
    expect(script).not.toBe(f.script);
    const { ctx } = loadFixture({ ...f, script }, 'https://app.intercom.com');
    await afterPaint();
    expect(document.querySelector('#details-77')!.textContent).toContain(AGENT.email);
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: eve.email, at: eve.email }]);
  });
});
