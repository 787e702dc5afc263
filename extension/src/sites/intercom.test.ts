import { describe, expect, it } from 'vitest';
import { type Customer, intercomConversation } from '../../../test/support/crm-pages/index.js';
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
});
