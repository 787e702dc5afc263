import { describe, expect, it } from 'vitest';
import {
  AGENT,
  type Customer,
  ZD_TRAP_PEOPLE,
  zendeskTicket,
  zendeskView,
} from '../../../test/support/crm-pages/index.js';
import { afterPaint, describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const C = (id: string, name: string): Customer => ({ id, name, email: `${id}@acme.test` });
const ann = C('ann', 'Ann Archer');
const bob = C('bob', 'Bob Baker');
const cat = C('cat', 'Cat Cole');
const TICKETS = [
  { id: 1, subject: 'Where is my order?', requester: ann },
  { id: 2, subject: 'Refund please', requester: bob },
  { id: 3, subject: 'Wrong size', requester: cat },
];
const ORIGIN = 'https://acme.zendesk.com';
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('Zendesk adapter', () => {
  it('finds the requester of the open ticket by its API, on the name the page shows, after the skeleton', async () => {
    const { ctx, asked } = loadFixture(zendeskTicket(TICKETS, 2, [1]), ORIGIN);
    expect(await findCustomers(ctx(), NONE)).toEqual([]); // skeleton: nothing to badge yet
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: bob.email, at: bob.name }]);
    // Ticket 1 stays mounted (hidden): never looked up.
    expect(asked.filter((p) => p.startsWith('/api/v2/tickets/'))).toEqual([
      '/api/v2/tickets/2.json?include=users',
    ]);
    expect(document.querySelectorAll('.ticket-panes-grid-layout').length).toBe(2);
  });

  it('follows "Next ticket" and Back without a reload', async () => {
    const { ctx } = loadFixture(zendeskTicket(TICKETS, 1), ORIGIN);
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: ann.email, at: ann.name }]);
    (document.querySelector('a.next-ticket') as HTMLElement).click();
    expect(location.pathname).toBe('/agent/tickets/2');
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: bob.email, at: bob.name }]);
    // Back, as the browser does it (happy-dom's history.back() does not navigate): URL, then popstate.
    (window as unknown as { happyDOM: { setURL: (u: string) => void } }).happyDOM.setURL(
      `${ORIGIN}/agent/tickets/1`,
    );
    window.dispatchEvent(new PopStateEvent('popstate'));
    await afterPaint(50);
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: ann.email, at: ann.name }]);
  });

  it('never the agent (from /api/v2/users/me) nor the support address quoted in the conversation', async () => {
    const { ctx } = loadFixture(zendeskTicket(TICKETS, 3), ORIGIN);
    await afterPaint();
    const found = await findCustomers(ctx(), { ...NONE, selectors: ['article'] }); // the agent's own selector catches the conversation
    expect(found.map((f) => 'email' in f.key && f.key.email)).toEqual([cat.email]);
    expect(document.body.textContent).toContain(AGENT.email);
  });

  it('puts one badge per row of a view, on the Requester column of names', async () => {
    const { ctx, asked } = loadFixture(zendeskView(TICKETS), ORIGIN);
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
      { key: ann.email, at: ann.name },
      { key: bob.email, at: bob.name },
      { key: cat.email, at: cat.name },
    ]);
    // The view's execution and the users' emails: two GETs for the whole list, as the userscript does.
    expect(asked.filter((p) => p !== '/api/v2/users/me.json')).toEqual([
      '/api/v2/views/360/execute.json',
      expect.stringMatching(/^\/api\/v2\/users\/show_many\.json\?ids=/),
    ]);
  });

  describe('traps', () => {
    const emails = (found: Awaited<ReturnType<typeof findCustomers>>) =>
      found.map((f) => ('email' in f.key ? f.key.email : `id:${f.key.id}`));

    it('badges only the requester among CCs, followers, quoted and signed emails, a side conversation and a macro', async () => {
      const { ctx } = loadFixture(zendeskTicket(TICKETS, 2, [1], { traps: true }), ORIGIN);
      await afterPaint();
      for (const p of Object.values(ZD_TRAP_PEOPLE)) expect(document.body.innerHTML).toContain(p.email);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: bob.email, at: bob.name }]);
    });

    it("without the API, reads the requester field's title, never a CC or the email a reply is signed with", async () => {
      const f = zendeskTicket(TICKETS, 2, [], { traps: true });
      const { ctx } = loadFixture({ ...f, api: {} }, ORIGIN);
      await afterPaint();
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: bob.email, at: bob.name }]);
    });

    it('without the API and no email for the requester anywhere, shows nothing rather than someone else', async () => {
      const f = zendeskTicket(TICKETS, 2, [], { traps: true });
      const script = f.script.replace(
        "(DATA.traps ? ' title=\"' + esc(t.requester.email) + '\"' : '')",
        "''",
      );
      expect(script).not.toBe(f.script);
      const { ctx } = loadFixture({ ...f, script, api: {} }, ORIGIN);
      await afterPaint();
      expect(await findCustomers(ctx(), NONE)).toEqual([]);
    });

    it('when the URL names the next ticket while the last one still shows, badges no one until it paints', async () => {
      const { ctx } = loadFixture(zendeskTicket(TICKETS, 1, [], { traps: true, staleMs: 400 }), ORIGIN);
      await afterPaint();
      expect(emails(await findCustomers(ctx(), NONE))).toEqual([ann.email]);
      (document.querySelector('a.next-ticket-slow') as HTMLElement).click();
      expect(location.pathname).toBe('/agent/tickets/2');
      // Ticket 1's pane is still the active one: bob (ticket 2's requester) must not land on Ann.
      expect(await findCustomers(ctx(), NONE)).toEqual([]);
      await afterPaint(400 + 320);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([{ key: bob.email, at: bob.name }]);
    });
  });
});
