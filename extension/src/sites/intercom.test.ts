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

  describe('traps', () => {
    const zed: Customer = { id: 'zed', name: 'Zed Zane', email: 'zed@acme.test' };
    const gus: Customer = { id: 'gus', name: 'Gus Gray', email: 'gus@acme.test' };

    it('never a user of the conversation list beside the open conversation, even before the sidebar paints', async () => {
      const { ctx } = loadFixture(
        intercomConversation(eve, fay, 77, { list: [zed, gus] }),
        'https://app.intercom.com',
      );
      expect(document.body.textContent).toContain(zed.email);
      expect(await findCustomers(ctx(), NONE)).toEqual([]);
      await afterPaint();
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: eve.email, at: eve.email }]);
    });

    it('when the URL names the next conversation while this one still shows, badges no one until it does', async () => {
      const { ctx } = loadFixture(
        intercomConversation(eve, fay, 77, { next: gus, staleMs: 400 }),
        'https://app.intercom.com',
      );
      await afterPaint();
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: eve.email, at: eve.email }]);
      (document.querySelector('a.open-next-slow') as HTMLElement).click();
      expect(location.pathname).toBe('/a/inbox/abc123/inbox/conversation/78');
      expect(await findCustomers(ctx(), NONE)).toEqual([]); // eve's sidebar, but conversation 78
      await afterPaint(400 + 320);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: gus.email, at: gus.email }]);
    });

    it('reads a sidebar rendered in an open shadow root, and not a hover card that is closed', async () => {
      const f = intercomConversation(eve, fay);
      const script = `${f.script}
        setTimeout(function () {
          var side = document.getElementById('details-' + DATA.id);
          var host = document.createElement('inbox-details');
          host.attachShadow({ mode: 'open' }).appendChild(side.cloneNode(true));
          side.replaceWith(host);
          var card = document.createElement('div'); card.setAttribute('role', 'tooltip'); card.style.display = 'none';
          card.innerHTML = '<span class="attribute-label">Email</span><span>gus@acme.test</span>';
          document.body.prepend(card);
        }, PAINT_MS + 10);`;
      const { ctx } = loadFixture({ ...f, script }, 'https://app.intercom.com');
      await afterPaint(400);
      expect(document.getElementById('details-77')).toBeNull();
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: eve.email, at: eve.email }]);
    });
  });
});
