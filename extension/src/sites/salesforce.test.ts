import { describe, expect, it } from 'vitest';
import {
  AGENT,
  type SfContact,
  salesforceContact,
  salesforceList,
} from '../../../test/support/crm-pages/index.js';
import { collectRoots } from './deep-dom.js';
import { afterPaint, describeFound, loadFixture } from './fixture-dom.js';
import { findCustomers } from './index.js';

const ann: SfContact = { id: 'ann', name: 'Ann Archer', email: 'ann@acme.test', recordId: '003A' };
const cat: SfContact = {
  id: 'cat',
  name: 'Cat Cole',
  email: 'cat@acme.test',
  recordId: '003C',
  customerId: 'cat',
  reportsTo: ann,
};
const dan: SfContact = {
  id: 'dan',
  name: 'Dan Dunn',
  email: 'dan@acme.test',
  recordId: '003D',
  reportsTo: ann,
};
const ORIGIN = 'https://acme.lightning.force.com';
const NONE = { selectors: [], agentEmails: [], companyDomains: [] };

describe('Salesforce adapter', () => {
  it('reads the Email field of the shown record through its native shadow roots, after the skeleton', async () => {
    const { ctx } = loadFixture(salesforceContact([ann, dan], '003D', ['003A']), ORIGIN);
    // Both records are mounted, each many shadow roots deep; nothing is in the light DOM.
    expect(collectRoots(document).length).toBeGreaterThan(30);
    expect(document.body.innerHTML).not.toContain(dan.email);
    expect(await findCustomers(ctx(), NONE)).toEqual([]);
    await afterPaint();
    const found = await findCustomers(ctx(), NONE);
    expect(describeFound(found)).toEqual([{ key: dan.email, at: 'lightning-formatted-email' }]);
    let depth = 0;
    for (let r = found[0]!.anchor.getRootNode(); r instanceof ShadowRoot; r = r.host.getRootNode()) depth++;
    expect(depth).toBeGreaterThanOrEqual(9);
  });

  it('prefers the business id field, and follows a lookup link to another record', async () => {
    const { ctx } = loadFixture(salesforceContact([ann, cat], '003C'), ORIGIN);
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
      { key: 'id:cat', at: 'lightning-formatted-text' },
    ]);
    const roots = collectRoots(document);
    const link = roots.flatMap((r) => [...r.querySelectorAll('a.sf-nav')])[0] as HTMLElement;
    link.click();
    expect(location.pathname).toBe('/lightning/r/Contact/003A/view');
    await afterPaint();
    expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
      { key: ann.email, at: 'lightning-formatted-email' },
    ]);
  });

  it('badges every email of a list view, and never the agent in the profile card', async () => {
    const { ctx } = loadFixture(salesforceList([ann, cat, dan]), ORIGIN);
    expect(document.body.innerHTML).toContain(AGENT.email);
    expect((await findCustomers(ctx(), NONE)).map((f) => 'email' in f.key && f.key.email)).toEqual([
      ann.email,
      cat.email,
      dan.email,
    ]);
  });

  describe('traps', () => {
    const eve = { id: 'eve', name: 'Eve Ellis', email: 'eve@acme.test' };

    it("reads the console's open tab, not a workspace tab stacked behind it", async () => {
      const { ctx } = loadFixture(salesforceContact([ann, dan], '003D', ['003A'], { console: true }), ORIGIN);
      await afterPaint();
      expect(document.querySelectorAll('section.oneConsoleTab').length).toBe(2);
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
        { key: dan.email, at: 'lightning-formatted-email' },
      ]);
    });

    it("an Account's related contacts are not its customer: nothing rather than the first of them", async () => {
      const acme: SfContact = {
        id: 'acme',
        name: 'Acme Ltd',
        email: 'unused@acme.test',
        recordId: '001X',
        noEmail: true,
        fields: [['Website', 'acme.test']],
        related: [eve, ann],
      };
      const { ctx } = loadFixture(salesforceContact([acme], '001X', [], { object: 'Account' }), ORIGIN);
      await afterPaint();
      expect(collectRoots(document).some((r) => r.querySelector('lst-related-list-single-container'))).toBe(
        true,
      );
      expect(await findCustomers(ctx(), NONE)).toEqual([]);
    });

    it("a contact's own Email field wins over its related list", async () => {
      const withRelated: SfContact = { ...dan, related: [eve, ann] };
      const { ctx } = loadFixture(salesforceContact([withRelated], '003D'), ORIGIN);
      await afterPaint();
      expect(describeFound(await findCustomers(ctx(), NONE))).toEqual([
        { key: dan.email, at: 'lightning-formatted-email' },
      ]);
    });
  });
});
