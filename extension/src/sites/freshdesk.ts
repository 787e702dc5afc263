import { findBySelectors } from './find-emails.js';
import type { SiteAdapter } from './types.js';

/** Freshdesk (`{sub}.freshdesk.com/a/tickets/{id}`, `/a/contacts/{id}`): the requester's email in the ticket's contact panel. */
export const freshdesk: SiteAdapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  matches: ['*://*.freshdesk.com/*'],
  handles: (url) => url.pathname.startsWith('/a/'),
  find: (doc) =>
    findBySelectors(doc, [
      '[data-test-id="requester-info"] a[href^="mailto:"]',
      '[data-test-id="contact-email"]',
      '.ticket-list [data-test-id="requester-email"]',
    ]),
};
