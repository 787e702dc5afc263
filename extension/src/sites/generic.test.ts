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

  it('reads an email split by zero-width characters, written with an entity or in capitals, whole', async () => {
    const page = genericPage([]);
    // An app (or a scraper guard) may break an address with invisible characters: read it whole,
    // never the truncated "e@mail.acme" the visible part would give.
    const body = page.body.replace(
      '<ul>',
      '<ul><li>Zoe: zo\u200be@mail.acme\u200b.test</li><li>Uma: uma&#64;acme.test</li><li>Ivo: IVO@ACME.TEST</li><li>Ada: <a href="mailto:ada\u00ad@acme.test">ada\u00ad@acme.test</a></li>',
    );
    expect(body).not.toBe(page.body);
    const { ctx } = loadFixture({ ...page, body }, 'https://crm.example.test');
    expect(describeFound(await findCustomers(ctx(), NONE)).map((f) => f.key)).toEqual([
      'ada@acme.test',
      'zoe@mail.acme.test',
      'uma@acme.test',
      'IVO@ACME.TEST',
    ]);
  });
});
