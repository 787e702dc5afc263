import { findBySelectors } from './find-emails.js';
import type { SiteAdapter } from './types.js';

/**
 * Zendesk agent workspace (`{sub}.zendesk.com/agent/…`): the requester in a ticket's customer
 * context panel, the user profile, and the requester column of a ticket view (list).
 */
export const zendesk: SiteAdapter = {
  id: 'zendesk',
  name: 'Zendesk',
  matches: ['*://*.zendesk.com/*'],
  handles: (url) => url.pathname.startsWith('/agent/'),
  find: (doc) =>
    findBySelectors(doc, [
      '[data-test-id="ticket-requester-email"]',
      '[data-test-id="customer-context-email"]',
      '[data-test-id="user-profile-email"]',
      '[data-test-id="generic-table-cell-requester-email"]',
    ]),
};
